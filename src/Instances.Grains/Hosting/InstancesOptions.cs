namespace Instances.Grains.Hosting;

/// <summary>Service settings under <c>Instances</c> (documented in README).</summary>
public sealed class InstancesOptions
{
    public const string Section = "Instances";

    /// <summary>The zone used when none is configured.</summary>
    public const string FallbackZone = "zone-a";

    /// <summary>
    /// The zones instances may be created in; <see cref="FallbackZone"/> when none is configured.
    /// Empty by default because the configuration binder appends to an array it finds filled.
    /// </summary>
    public string[] AvailabilityZones { get; set; } = [];

    /// <summary>The zone of a create request that names none; the first zone when unset.</summary>
    public string? DefaultZone { get; set; }

    /// <summary>Period of the safety-net reminder of an operation in progress: the longest a crashed operation waits to resume.</summary>
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a build (claim, ports, deploy) may take before the instance goes to error.</summary>
    public TimeSpan BuildTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The timeout of a power change whose request gives none.</summary>
    public TimeSpan PowerTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a teardown may take before the instance goes to error.</summary>
    public TimeSpan TeardownTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How often the power sync sweep reads every instance's power state from the driver, to notice
    /// changes made outside the service (a button on the machine); zero turns the sync off. A sweep
    /// spreads its reads over the first half of the interval.
    /// </summary>
    public TimeSpan PowerSyncInterval { get; set; } = TimeSpan.FromMinutes(10);

    public bool PowerSyncEnabled => PowerSyncInterval > TimeSpan.Zero;

    public string EffectiveDefaultZone => DefaultZone ?? AvailabilityZones[0];
}
