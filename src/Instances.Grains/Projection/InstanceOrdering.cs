using Instances.Abstractions;

namespace Instances.Grains.Projection;

/// <summary>
/// Filtering and keyset ordering of snapshots, pure so every projection store shares one meaning
/// of a query. Ties on the sort key break on the UUID, so "after the marker" is always well defined.
/// </summary>
public static class InstanceOrdering
{
    public static bool Matches(InstanceSnapshot item, InstanceQuery query) =>
        (query.ProjectId is null || item.ProjectId == query.ProjectId)
        && (query.Status is null || item.Status == query.Status)
        && (query.PowerState is null || item.PowerState == query.PowerState)
        && (query.Name is null || item.Name == query.Name)
        && (query.AvailabilityZone is null || item.AvailabilityZone == query.AvailabilityZone)
        && (query.InstanceTypeUuid is null || item.InstanceTypeUuid == query.InstanceTypeUuid)
        && (query.Locked is null || item.Locked == query.Locked);

    /// <summary>Compares in the query's order: negative when <paramref name="a"/> comes first.</summary>
    public static int Compare(InstanceSnapshot a, InstanceSnapshot b, InstanceSortKey key, bool descending)
    {
        var byKey = key switch
        {
            InstanceSortKey.CreatedAt => a.CreatedAt.CompareTo(b.CreatedAt),
            InstanceSortKey.UpdatedAt => Nullable.Compare(a.UpdatedAt, b.UpdatedAt),
            InstanceSortKey.Name => string.CompareOrdinal(a.Name, b.Name),
            InstanceSortKey.Status => string.CompareOrdinal(a.Status.ToName(), b.Status.ToName()),
            _ => 0,
        };
        var order = byKey != 0 ? byKey : a.Uuid.CompareTo(b.Uuid);
        return descending ? -order : order;
    }

    /// <summary>The matching items after the query's marker, in order, at most <paramref name="take"/>.</summary>
    public static List<InstanceSnapshot> Select(IEnumerable<InstanceSnapshot> items, InstanceQuery query, int take)
    {
        var after = query.After;
        return Order(items.Where(item => Matches(item, query) && (after is null || Compare(item, after, query.SortKey, query.Descending) > 0)), query, take);
    }

    /// <summary>Items already selected (by shards, say) in the query's order, at most <paramref name="take"/>.</summary>
    public static List<InstanceSnapshot> Order(IEnumerable<InstanceSnapshot> items, InstanceQuery query, int take) =>
        items.Order(Comparer<InstanceSnapshot>.Create((a, b) => Compare(a, b, query.SortKey, query.Descending))).Take(take).ToList();
}
