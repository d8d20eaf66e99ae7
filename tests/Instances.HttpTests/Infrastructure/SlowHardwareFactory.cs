namespace Instances.HttpTests.Infrastructure;

/// <summary>
/// Hardware whose power changes and teardowns take half a minute, so a test can act while an instance is
/// reliably in a transitional status. Builds take a second, enough to act while <c>building</c>.
/// </summary>
public sealed class SlowHardwareFactory : ApiFactory
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Driver:Simulated:DeployDuration"] = "00:00:01",
        ["Driver:Simulated:PowerDuration"] = "00:00:30",
        ["Driver:Simulated:RebootDuration"] = "00:00:30",
        ["Driver:Simulated:TeardownDuration"] = "00:00:30",
    };
}

/// <summary>The host with slow hardware.</summary>
[CollectionDefinition(Name)]
public sealed class SlowHardwareCollection : ICollectionFixture<SlowHardwareFactory>
{
    public const string Name = "slow-hardware";
}
