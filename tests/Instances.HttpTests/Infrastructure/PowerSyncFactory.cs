namespace Instances.HttpTests.Infrastructure;

/// <summary>
/// A host whose instances re-read their power state every second, with reboots long enough (3 s)
/// for several syncs to fall inside one.
/// </summary>
public sealed class PowerSyncFactory : ApiFactory
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Instances:PowerSyncInterval"] = "00:00:01",
        ["Driver:Simulated:RebootDuration"] = "00:00:03",
    };
}

/// <summary>The host with a one-second power sync.</summary>
[CollectionDefinition(Name)]
public sealed class PowerSyncCollection : ICollectionFixture<PowerSyncFactory>
{
    public const string Name = "power-sync";
}
