using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace Instances.Server.Validation;

/// <summary>The field rules shared by create, PATCH and the type requests (API.md §4, §6).</summary>
public static partial class Rules
{
    public const int MaxLength = 255;

    /// <summary>Length in characters (Unicode scalar values), not UTF-16 units, so "255 chars" means what a user thinks.</summary>
    public static int Length(string value) => value.EnumerateRunes().Count();

    /// <summary>A string of <paramref name="min"/>–255 characters; null is allowed only when not required.</summary>
    public static string? Text(ValidationErrors errors, string field, string? value, int min, bool required)
    {
        if (value is null)
        {
            if (required)
            {
                errors.Add(field, $"'{field}' is required.");
            }

            return null;
        }

        var length = Length(value);
        if (length < min || length > MaxLength)
        {
            errors.Add(field, $"'{field}' must be {min}–{MaxLength} characters long (got {length}).");
        }

        return value;
    }

    /// <summary>A UUID in canonical (or dash-less) form; returned as a Guid, which always prints lower-case.</summary>
    public static Guid? Uuid(ValidationErrors errors, string field, string? value, bool required)
    {
        if (value is null)
        {
            if (required)
            {
                errors.Add(field, $"'{field}' is required.");
            }

            return null;
        }

        if (TryParseUuid(value, out var uuid))
        {
            return uuid;
        }

        errors.Add(field, $"'{field}' must be a UUID (got '{Clip(value)}').");
        return null;
    }

    public static bool TryParseUuid(string? value, out Guid uuid) =>
        Guid.TryParseExact(value, "D", out uuid) || Guid.TryParseExact(value, "N", out uuid);

    /// <summary>A flat map of extra attributes or specs: keys per <see cref="KeyPattern"/>, string values ≤ 255.</summary>
    /// <summary>Entries a string map (<c>extra</c>, <c>extra_specs</c>) may hold, in a request and in total.</summary>
    public const int MaxMapEntries = 128;

    /// <summary>Networks one instance may request.</summary>
    public const int MaxNetworks = 32;

    /// <summary>A map that would grow past <see cref="MaxMapEntries"/> is refused, naming the field.</summary>
    public static void MapSize(ValidationErrors errors, string field, int count)
    {
        if (count > MaxMapEntries)
        {
            errors.Add(field, $"'{field}' may hold at most {MaxMapEntries} entries, not {count}.");
        }
    }

    public static ImmutableSortedDictionary<string, string> StringMap(ValidationErrors errors, string field, IDictionary<string, string?>? map)
    {
        if (map is { Count: > MaxMapEntries })
        {
            MapSize(errors, field, map.Count);
            return ImmutableSortedDictionary<string, string>.Empty;
        }

        var result = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in map ?? new Dictionary<string, string?>())
        {
            if (MapEntry(errors, $"{field}.{key}", key, value) is { } valid)
            {
                result[key] = valid;
            }
        }

        return result.ToImmutable();
    }

    /// <summary>One entry of a string map; null when invalid (the error is recorded).</summary>
    public static string? MapEntry(ValidationErrors errors, string field, string key, string? value)
    {
        if (!KeyPattern().IsMatch(key))
        {
            errors.Add(field, $"Key '{Clip(key)}' of '{field}' must match {KeyPattern()}.");
            return null;
        }

        if (value is null)
        {
            errors.Add(field, $"'{field}' must be a string, not null.");
            return null;
        }

        return Text(errors, field, value, 0, required: true);
    }

    /// <summary>Keeps echoed client input short in error messages.</summary>
    public static string Clip(string value) => value.Length <= 64 ? value : value[..64] + "…";

    [GeneratedRegex("^[a-zA-Z0-9_:. -]{1,255}$")]
    public static partial Regex KeyPattern();
}
