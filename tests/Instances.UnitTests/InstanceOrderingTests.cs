using Instances.Abstractions;
using Instances.Grains.Projection;

namespace Instances.UnitTests;

public sealed class InstanceOrderingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private static InstanceSnapshot Item(string name, int minutes, string project = "p1", InstanceStatus status = InstanceStatus.Active) => new()
    {
        Uuid = Guid.NewGuid(),
        Name = name,
        ProjectId = project,
        UserId = "u",
        Status = status,
        AvailabilityZone = "zone-a",
        InstanceTypeUuid = Guid.Empty,
        ImageUuid = Guid.Empty,
        CreatedAt = T0.AddMinutes(minutes),
    };

    [Fact]
    public void DefaultOrderIsNewestFirst()
    {
        var items = new[] { Item("a", 1), Item("b", 3), Item("c", 2) };

        var page = InstanceOrdering.Select(items, new InstanceQuery(), 10);

        Assert.Equal(["b", "c", "a"], page.Select(i => i.Name));
    }

    [Fact]
    public void PagesAfterTheMarkerContinueWithoutGapsOrRepeats()
    {
        var items = Enumerable.Range(0, 25).Select(i => Item($"n{i % 5}", i % 3)).ToList();
        var query = new InstanceQuery { SortKey = InstanceSortKey.Name, Descending = false, Limit = 4 };
        var seen = new List<Guid>();

        for (var page = InstanceOrdering.Select(items, query, 4); page.Count > 0; page = InstanceOrdering.Select(items, query, 4))
        {
            seen.AddRange(page.Select(i => i.Uuid));
            query = query with { After = page[^1] };
        }

        Assert.Equal(items.Count, seen.Distinct().Count());
        Assert.Equal(items.OrderBy(i => i.Name, StringComparer.Ordinal).ThenBy(i => i.Uuid).Select(i => i.Uuid), seen);
    }

    [Fact]
    public void FiltersCombine()
    {
        var items = new[]
        {
            Item("x", 1, "p1", InstanceStatus.Stopped),
            Item("x", 2, "p2", InstanceStatus.Stopped),
            Item("y", 3, "p1", InstanceStatus.Stopped),
            Item("x", 4, "p1", InstanceStatus.Active),
        };

        var page = InstanceOrdering.Select(items, new InstanceQuery { ProjectId = "p1", Name = "x", Status = InstanceStatus.Stopped }, 10);

        Assert.Equal(items[0].Uuid, Assert.Single(page).Uuid);
    }

    [Fact]
    public void NeverUpdatedInstancesSortFirstByUpdatedAtAscending()
    {
        var updated = Item("u", 1) with { UpdatedAt = T0 };
        var fresh = Item("f", 2);

        var page = InstanceOrdering.Select([updated, fresh], new InstanceQuery { SortKey = InstanceSortKey.UpdatedAt, Descending = false }, 10);

        Assert.Equal(["f", "u"], page.Select(i => i.Name));
    }
}
