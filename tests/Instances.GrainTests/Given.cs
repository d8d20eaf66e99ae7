using System.Collections.Immutable;
using Instances.Abstractions;
using Instances.Grains.Simulated;

namespace Instances.GrainTests;

/// <summary>Arrange helpers: callers, zones of their own, and instances brought to a status.</summary>
public static class Given
{
    public static readonly Caller Owner = new("project-a", "user-a", false);
    public static readonly Caller Stranger = new("project-b", "user-b", false);
    public static readonly Caller Admin = new("admin", "admin", true);

    /// <summary>A zone no other test uses, with a fresh fleet.</summary>
    public static string NewZone() => $"zone-{Guid.NewGuid():N}";

    /// <summary>A zone whose whole fleet is already claimed.</summary>
    public static async Task<string> ExhaustedZoneAsync(IGrainFactory grains)
    {
        var zone = NewZone();
        var fleet = grains.GetGrain<IZoneFleetGrain>(zone);
        for (var i = 0; i < ClusterFixture.NodesPerZone; i++)
        {
            Assert.NotNull(await fleet.ClaimAsync(Guid.NewGuid(), ClusterFixture.NodesPerZone));
        }

        return zone;
    }

    public static CreateInstanceCommand Command(string zone, Caller? caller = null) => new(
        caller ?? Owner,
        "web-1",
        null,
        Guid.NewGuid(),
        Guid.NewGuid(),
        zone,
        [new NetworkRequest(Guid.NewGuid(), "normal")],
        ImmutableSortedDictionary<string, string>.Empty);

    public static async Task<IInstanceGrain> CreatedAsync(IGrainFactory grains, string? zone = null)
    {
        var grain = grains.GetGrain<IInstanceGrain>(Guid.NewGuid());
        var outcome = await grain.CreateAsync(Command(zone ?? NewZone()));
        Assert.Equal(OutcomeKind.Accepted, outcome.Outcome.Kind);
        return grain;
    }

    public static async Task<IInstanceGrain> ActiveAsync(IGrainFactory grains, string? zone = null)
    {
        var grain = await CreatedAsync(grains, zone);
        await StatusAsync(grain, InstanceStatus.Active);
        return grain;
    }

    public static async Task<IInstanceGrain> StoppedAsync(IGrainFactory grains)
    {
        var grain = await ActiveAsync(grains);
        Assert.Equal(OutcomeKind.Accepted, (await grain.SetPowerAsync(Owner, PowerAction.Off, null)).Kind);
        await StatusAsync(grain, InstanceStatus.Stopped);
        return grain;
    }

    public static Task<InstanceSnapshot?> StatusAsync(IInstanceGrain grain, InstanceStatus status) =>
        Eventually.MatchAsync(() => grain.GetAsync(Admin), i => i?.Status == status);
}
