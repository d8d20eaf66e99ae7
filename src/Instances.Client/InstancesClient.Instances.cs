using System.Runtime.CompilerServices;
using Instances.Client.Models;

namespace Instances.Client;

/// <summary>Instances: create, show, list, update, delete.</summary>
public sealed partial class InstancesClient
{
    /// <summary>Creates an instance (201, status <c>building</c>). With <paramref name="idempotencyKey"/> a retry returns the same instance.</summary>
    public Task<Instance> CreateInstanceAsync(NewInstance instance, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        ReadAsync<Instance>(HttpMethod.Post, "v1/instances", instance, cancellationToken, idempotencyKey);

    public Task<Instance> GetInstanceAsync(Guid id, IReadOnlyList<string>? fields = null, CancellationToken cancellationToken = default) =>
        ReadAsync<Instance>(HttpMethod.Get, $"v1/instances/{Id(id)}{new InstanceListQuery { Fields = fields }.ToQueryString()}", null, cancellationToken);

    /// <summary>One page of <c>GET /v1/instances</c> (summary fields), or of <c>/detail</c> (full objects).</summary>
    public Task<InstancePage> ListInstancesAsync(InstanceListQuery? query = null, bool detail = false, CancellationToken cancellationToken = default) =>
        ReadAsync<InstancePage>(HttpMethod.Get, $"v1/instances{(detail ? "/detail" : "")}{(query ?? new()).ToQueryString()}", null, cancellationToken);

    /// <summary>Every instance the query matches, following the pages by marker.</summary>
    public async IAsyncEnumerable<Instance> ListAllInstancesAsync(
        InstanceListQuery? query = null, bool detail = false, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var page = query ?? new InstanceListQuery();
        while (true)
        {
            var result = await ListInstancesAsync(page, detail, cancellationToken);
            foreach (var instance in result.Instances)
            {
                yield return instance;
            }

            if (result.Next is null || result.Instances.Count == 0)
            {
                yield break;
            }

            page = page with { Marker = result.Instances[^1].Uuid };
        }
    }

    /// <summary>Applies an RFC 6902 patch (name, description, extra); 200 with the updated instance.</summary>
    public Task<Instance> UpdateInstanceAsync(Guid id, IReadOnlyList<PatchOperation> patch, CancellationToken cancellationToken = default) =>
        ReadAsync<Instance>(HttpMethod.Patch, $"v1/instances/{Id(id)}", patch, cancellationToken);

    /// <summary>Starts the teardown (204); the instance is gone when it finishes.</summary>
    public async Task DeleteInstanceAsync(Guid id, CancellationToken cancellationToken = default)
    {
        using var _ = await SendAsync(HttpMethod.Delete, $"v1/instances/{Id(id)}", null, cancellationToken);
    }

    /// <summary>The action history, newest first (at most the last 100).</summary>
    public async Task<IReadOnlyList<InstanceAction>> GetActionsAsync(Guid id, CancellationToken cancellationToken = default) =>
        (await ReadAsync<ActionsBody>(HttpMethod.Get, $"v1/instances/{Id(id)}/actions", null, cancellationToken)).Actions;

    private sealed record ActionsBody(IReadOnlyList<InstanceAction> Actions);
}
