using Instances.Abstractions;
using Instances.Grains.Instances;

namespace Instances.UnitTests;

/// <summary>What a read answered from this node's active instances returns, for whom.</summary>
public sealed class LocalInstancesTests
{
    private static readonly InstanceSnapshot Instance = new()
    {
        Uuid = Guid.NewGuid(), Name = "a", ProjectId = "project-a", UserId = "u", Status = InstanceStatus.Active, PowerState = PowerState.On,
        AvailabilityZone = "zone-a", InstanceTypeUuid = Guid.NewGuid(), ImageUuid = Guid.NewGuid(), CreatedAt = DateTimeOffset.UnixEpoch, Version = 3,
    };

    private readonly LocalInstances _local = new();

    [Fact]
    public void AnInstanceNotActiveHereIsLeftToItsGrain()
    {
        Assert.False(_local.TryRead(Instance.Uuid, new Caller("project-a", "u", false), out var visible));
        Assert.Null(visible);
    }

    [Fact]
    public void ItsProjectAndAnAdminSeeTheLastPublishedSnapshotAndAnotherProjectSeesNothing()
    {
        _local.Track(Instance.Uuid, Instance);
        var powered = Instance with { PowerState = PowerState.Off, Version = 4 };
        _local.Track(Instance.Uuid, powered);

        Assert.True(_local.TryRead(Instance.Uuid, new Caller("project-a", "u", false), out var own));
        Assert.Same(powered, own);
        Assert.True(_local.TryRead(Instance.Uuid, new Caller("project-b", "admin", true), out var admin));
        Assert.Same(powered, admin);

        // Answered here, as the grain answers it: not found, not "ask someone else".
        Assert.True(_local.TryRead(Instance.Uuid, new Caller("project-b", "u", false), out var other));
        Assert.Null(other);
    }

    [Fact]
    public void ADeletedOrDeactivatedInstanceIsNoLongerAnsweredHere()
    {
        var deleted = Guid.NewGuid();
        _local.Track(deleted, Instance with { Uuid = deleted });
        _local.Track(deleted, null);
        var deactivated = Guid.NewGuid();
        _local.Track(deactivated, Instance with { Uuid = deactivated });
        _local.Forget(deactivated);

        Assert.False(_local.TryRead(deleted, new Caller("project-a", "u", false), out _));
        Assert.False(_local.TryRead(deactivated, new Caller("project-a", "u", false), out _));
    }
}
