using System.Globalization;

namespace Instances.Grains.Simulated;

/// <summary>Names of simulated nodes: <c>&lt;zone&gt;-node-&lt;index&gt;</c>.</summary>
public static class SimulatedNodes
{
    public static string Name(string zone, int index) => string.Create(CultureInfo.InvariantCulture, $"{zone}-node-{index:D4}");
}
