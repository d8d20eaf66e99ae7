using Instances.Server.Hosting;

namespace Instances.Server.Cluster;

/// <summary>
/// Who this node is and what it runs (docs/cluster.md): <c>Instances:NodeName</c> (default
/// <c>host:httpPort</c>) and <c>Instances:Role</c> (<see cref="NodeRole.Silo"/> by default).
/// </summary>
public sealed record NodeSettings
{
    public const string NameKey = "Instances:NodeName";
    public const string RoleKey = "Instances:Role";

    /// <summary>Longer names are refused: the name travels in a header on every response.</summary>
    public const int MaxNameLength = 64;

    public required string Name { get; init; }

    public NodeRole Role { get; init; } = NodeRole.Silo;

    /// <summary>Reads and checks the keys; a value that cannot work stops the start naming the key.</summary>
    public static NodeSettings From(IConfiguration configuration)
    {
        var roleText = configuration[RoleKey];
        var role = NodeRole.Silo;
        if (!string.IsNullOrWhiteSpace(roleText) && (!Enum.TryParse(roleText, ignoreCase: true, out role) || !Enum.IsDefined(role)))
        {
            throw new ConfigurationRefusedException($"{RoleKey} is '{roleText}'; expected Silo or Gateway.");
        }

        var name = configuration[NameKey];
        if (string.IsNullOrWhiteSpace(name))
        {
            name = $"{Environment.MachineName}:{HttpPort(configuration)}";
        }
        else if (name.Length > MaxNameLength || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or ':'))
        {
            throw new ConfigurationRefusedException(
                $"{NameKey} must be 1 to {MaxNameLength} characters of letters, digits, '-', '.', '_' or ':'.");
        }

        return new NodeSettings { Name = name, Role = role };
    }

    /// <summary>The port of the first HTTP address this node listens on (<c>urls</c>), or the default one.</summary>
    private static string HttpPort(IConfiguration configuration)
    {
        var first = (configuration["urls"] ?? ListenUrlExtensions.DefaultUrl).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        var port = first?.Replace("*", "localhost", StringComparison.Ordinal).Replace("+", "localhost", StringComparison.Ordinal);
        return Uri.TryCreate(port, UriKind.Absolute, out var uri) ? uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) : "6688";
    }
}

/// <summary>What a node runs.</summary>
public enum NodeRole
{
    /// <summary>A cluster member: the Orleans silo and the HTTP API in one process (the default).</summary>
    Silo,

    /// <summary>The HTTP API only, an Orleans client of the silos found in the membership table.</summary>
    Gateway,
}
