using System.Runtime.CompilerServices;
using Instances.Abstractions;

namespace Instances.Grains.Projection;

/// <summary>
/// The list projection of DESIGN.md §4: every instance grain publishes its snapshot here after each
/// persisted change, and lists, filters and paging read only from here. It never holds the truth:
/// it can be rebuilt from grain state.
/// </summary>
public interface IInstanceIndex
{
    /// <summary>
    /// Whether every grain-state write of an instance already records its snapshot here, in the same
    /// transaction; then <see cref="PublishAsync"/> is needed only to repair (on activation).
    /// </summary>
    bool PublishedWithState => false;

    /// <summary>Records a snapshot unless a newer version of the same instance is already there.</summary>
    Task PublishAsync(InstanceSnapshot snapshot);

    /// <summary>Forgets a deleted instance.</summary>
    Task RemoveAsync(Guid uuid);

    /// <summary>One instance's last published snapshot, or null.</summary>
    Task<InstanceSnapshot?> FindAsync(Guid uuid);

    /// <summary>One page of a list query, in the query's order.</summary>
    Task<InstancePage> QueryAsync(InstanceQuery query);

    /// <summary>
    /// The same page as summaries. An index that stores the summary's columns answers without reading
    /// whole snapshots (issue 5: a page of 1,000 snapshots was most of a list request's cost).
    /// </summary>
    async Task<InstanceSummaryPage> QuerySummariesAsync(InstanceQuery query)
    {
        var page = await QueryAsync(query);
        return new InstanceSummaryPage(page.Items.Select(InstanceSummary.Of).ToList(), page.HasMore);
    }

    /// <summary>
    /// Every page of <paramref name="query"/>, each starting after the last item of the one before:
    /// for the callers that need all matching instances rather than one page.
    /// </summary>
    async IAsyncEnumerable<InstancePage> PagesAsync(InstanceQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await QueryAsync(query);
            yield return page;
            if (!page.HasMore || page.Items.Count == 0)
            {
                yield break;
            }

            query = query with { After = page.Items[^1] };
        }
    }

    /// <summary>How many instances there are in all projects (the power sync paces its sweep by it).</summary>
    async Task<int> CountAsync()
    {
        var count = 0;
        await foreach (var page in PagesAsync(new InstanceQuery { SortKey = InstanceSortKey.Uuid, Descending = false }))
        {
            count += page.Items.Count;
        }

        return count;
    }

    /// <summary>How many instances use the type (for the 409 on deleting a type in use).</summary>
    Task<int> CountByTypeAsync(Guid instanceTypeUuid);
}
