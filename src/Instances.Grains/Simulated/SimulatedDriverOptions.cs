using System.ComponentModel.DataAnnotations;

namespace Instances.Grains.Simulated;

/// <summary>Settings of the simulated bare-metal driver under <c>Driver:Simulated</c> (documented in README).</summary>
public sealed class SimulatedDriverOptions
{
    public const string Section = "Driver:Simulated";

    /// <summary>How long a deploy takes.</summary>
    public TimeSpan DeployDuration { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long power on, off and soft off take.</summary>
    public TimeSpan PowerDuration { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a reboot (hard or soft) takes.</summary>
    public TimeSpan RebootDuration { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a teardown takes.</summary>
    public TimeSpan TeardownDuration { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Probability (0..1) that a deploy, power change or teardown fails.</summary>
    [Range(0.0, 1.0)]
    public double FailureRate { get; set; }

    /// <summary>
    /// Images whose deploy always fails, as a corrupt image would: lets a demo or a test make one build or
    /// rebuild fail on purpose while everything else works. Empty by default.
    /// </summary>
    public Guid[] FailingImages { get; set; } = [];

    /// <summary>
    /// Whether the simulated nodes' BMC state (power, image) is kept in the service's storage, so it
    /// survives restarts like a real machine's. False keeps it in silo memory: a node then forgets its
    /// power state when its silo restarts (it comes back off, and the power sync reports its instance
    /// stopped) — for benchmarks, which should measure the service, not the simulator's writes.
    /// </summary>
    public bool PersistNodes { get; set; } = true;

    /// <summary>Size of each zone's fleet; when all are claimed, builds fail with "No valid host was found".</summary>
    [Range(1, 1_000_000)]
    public int NodesPerZone { get; set; } = 1000;
}
