using Instances.Server.Wire;

namespace Instances.Server.Validation;

/// <summary>The <c>fields=a,b</c> query parameter of show and lists (API.md §4).</summary>
public static class FieldSelection
{
    /// <summary>The requested fields, or null when none were asked for; unknown names are errors.</summary>
    public static IReadOnlyList<string>? Parse(IQueryCollection query, ValidationErrors errors)
    {
        if (!query.TryGetValue("fields", out var values))
        {
            return null;
        }

        var names = values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var unknown = names.Where(n => !InstanceBody.FieldNames.Contains(n)).ToList();
        if (unknown.Count > 0)
        {
            errors.Add("fields", $"Unknown field(s) in 'fields': {string.Join(", ", unknown.Select(Rules.Clip))}.");
        }

        return names.Count == 0 ? null : names;
    }
}
