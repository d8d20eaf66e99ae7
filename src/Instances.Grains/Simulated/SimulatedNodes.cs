using System.Globalization;

namespace Instances.Grains.Simulated;

/// <summary>Names of simulated nodes: <c>&lt;zone&gt;-node-&lt;index&gt;</c>.</summary>
public static class SimulatedNodes
{
    private const string Separator = "-node-";

    public static string Name(string zone, int index) => string.Create(CultureInfo.InvariantCulture, $"{zone}{Separator}{index:D4}");

    /// <summary>The zone of a node name that <see cref="Exists"/> accepted.</summary>
    public static string ZoneOf(string name) => name[..name.LastIndexOf(Separator, StringComparison.Ordinal)];

    /// <summary>Whether <paramref name="name"/> names a node of one of <paramref name="zones"/>' fleets of <paramref name="fleetSize"/>.</summary>
    public static bool Exists(string name, IEnumerable<string> zones, int fleetSize)
    {
        var at = name.LastIndexOf(Separator, StringComparison.Ordinal);
        var number = at < 0 ? "" : name[(at + Separator.Length)..];
        return at > 0
            && number.Length >= 4 && number.All(char.IsAsciiDigit)
            && int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < fleetSize
            && Name(ZoneOf(name), index) == name
            && zones.Contains(ZoneOf(name), StringComparer.Ordinal);
    }
}
