using System.Collections.Immutable;
using System.Text.Json;
using Instances.Abstractions;
using Instances.Server.Wire;

namespace Instances.Server.Validation;

/// <summary>
/// A JSON Patch over the writable attributes of an instance (API.md §4 "Update"): checked once against the
/// operations allowed, then applied to whichever snapshot is current (a retry after a concurrent change reapplies it).
/// </summary>
public sealed class InstancePatch
{
    private static readonly HashSet<string> Internal = new(InstanceBody.FieldNames.Except(["name", "description", "extra"]), StringComparer.Ordinal)
    {
        "last_error",
    };

    private readonly IReadOnlyList<(string Op, string[] Path, string Raw, JsonElement Value)> _operations;

    private InstancePatch(IReadOnlyList<(string, string[], string, JsonElement)> operations) => _operations = operations;

    /// <summary>The patch, or null with <paramref name="errors"/> naming each bad operation.</summary>
    public static InstancePatch? Parse(IList<PatchOperation?> document, ValidationErrors errors)
    {
        if (document.Count == 0)
        {
            errors.Add("body", "The patch must contain at least one operation.");
        }

        var operations = new List<(string, string[], string, JsonElement)>();
        for (var i = 0; i < document.Count; i++)
        {
            var field = $"[{i}]";
            if (document[i] is not { } op)
            {
                errors.Add(field, $"'{field}' must be a patch operation object.");
                continue;
            }

            if (op.Op is not ("add" or "replace" or "remove"))
            {
                errors.Add($"{field}.op", op.Op is null ? $"'{field}.op' is required."
                    : $"'{field}.op' '{Rules.Clip(op.Op)}' is not supported; use add, replace or remove.");
                continue;
            }

            if (op.Path is null || !op.Path.StartsWith('/'))
            {
                errors.Add($"{field}.path", $"'{field}.path' is required and must be a JSON pointer such as /name.");
                continue;
            }

            if (op.Op != "remove" && op.Value.ValueKind == JsonValueKind.Undefined)
            {
                errors.Add(op.Path, $"'{field}.value' is required for {op.Op} {op.Path}.");
                continue;
            }

            var segments = op.Path[1..].Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
            if (CheckPath(segments, op.Path, op.Op, errors))
            {
                operations.Add((op.Op, segments, op.Path, op.Value));
            }
        }

        return errors.Any ? null : new InstancePatch(operations);
    }

    /// <summary>The writable attributes after the patch, or null with errors (values invalid, key to remove missing).</summary>
    public InstanceChanges? ApplyTo(InstanceSnapshot snapshot, ValidationErrors errors)
    {
        var name = snapshot.Name;
        var description = snapshot.Description;
        var extra = snapshot.Extra.ToBuilder();
        foreach (var (op, path, raw, value) in _operations)
        {
            switch (path)
            {
                case ["name"]:
                    name = StringOf(value, raw, errors, nullable: false) is { } n ? Rules.Text(errors, raw, n, 1, required: true)! : name;
                    break;
                case ["description"]:
                    description = op == "remove" ? null : StringOf(value, raw, errors, nullable: true) is { } d
                        ? Rules.Text(errors, raw, d, 0, required: false) : null;
                    break;
                case ["extra"]:
                    extra = op == "remove" ? ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal)
                        : Rules.StringMap(errors, "extra", MapOf(value, raw, errors)).ToBuilder();
                    break;
                case ["extra", var key] when op == "remove":
                    if (!extra.Remove(key))
                    {
                        errors.Add(raw, $"{raw} does not exist, so it cannot be removed.");
                    }

                    break;
                case ["extra", var key] when op == "replace" && !extra.ContainsKey(key):
                    errors.Add(raw, $"{raw} does not exist, so it cannot be replaced (use add).");
                    break;
                case ["extra", var key]:
                    if (StringOf(value, raw, errors, nullable: false) is { } v && Rules.MapEntry(errors, raw, key, v) is { } entry)
                    {
                        extra[key] = entry;
                    }

                    break;
            }
        }

        Rules.MapSize(errors, "extra", extra.Count);
        return errors.Any ? null : new InstanceChanges(name, description, extra.ToImmutable());
    }

    private static bool CheckPath(string[] segments, string raw, string op, ValidationErrors errors)
    {
        var attribute = segments[0];
        string? problem = segments switch
        {
            ["name"] when op == "remove" => $"{raw} cannot be removed; every instance has a name.",
            ["name"] or ["description"] or ["extra"] or ["extra", _] => null,
            _ when Internal.Contains(attribute) => $"{raw} is an internal attribute and cannot be changed.",
            _ => $"{raw} is not a known attribute.",
        };
        if (problem is not null)
        {
            errors.Add(raw, problem);
        }

        return problem is null;
    }

    private static string? StringOf(JsonElement value, string field, ValidationErrors errors, bool nullable)
    {
        if (value.ValueKind == JsonValueKind.String || (nullable && value.ValueKind == JsonValueKind.Null))
        {
            return value.ValueKind == JsonValueKind.Null ? null : value.GetString();
        }

        errors.Add(field, nullable ? $"The value of {field} must be a string or null." : $"The value of {field} must be a string.");
        return null;
    }

    private static Dictionary<string, string?>? MapOf(JsonElement value, string field, ValidationErrors errors)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add(field, $"The value of {field} must be an object of strings.");
            return null;
        }

        var map = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            if (StringOf(property.Value, $"{field}/{property.Name}", errors, nullable: false) is { } text)
            {
                map[property.Name] = text;
            }
        }

        return map;
    }
}
