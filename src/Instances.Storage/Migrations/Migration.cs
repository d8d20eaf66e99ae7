using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Instances.Storage.Migrations;

/// <summary>One numbered schema step (<c>deploy/&lt;database&gt;/NNNN_name.sql</c>), carried in this assembly.</summary>
public sealed partial record Migration(int Version, string Name, string Sql)
{
    /// <summary>The migrations this build knows for a database folder, in order.</summary>
    public static IReadOnlyList<Migration> For(string folder)
    {
        var assembly = typeof(Migration).Assembly;
        var prefix = $"migrations/{folder}/";
        var migrations = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal))
            .Select(name => Load(assembly, name, name[prefix.Length..]))
            .OrderBy(m => m.Version)
            .ToList();
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException($"Migrations of {folder} must be numbered 1, 2, 3…; found {migrations[i].Version} at position {i + 1}.");
            }
        }

        return migrations;
    }

    private static Migration Load(Assembly assembly, string resource, string file)
    {
        var match = FileName().Match(file);
        if (!match.Success)
        {
            throw new InvalidOperationException($"Migration file '{file}' must be named NNNN_name.sql.");
        }

        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return new Migration(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), match.Groups[2].Value, reader.ReadToEnd());
    }

    [GeneratedRegex(@"^(\d{4})_([a-z0-9_]+)\.sql$")]
    private static partial Regex FileName();
}
