using System.Net.Http.Headers;
using Instances.Client.Models;

namespace Instances.Client;

/// <summary>Live events (Server-Sent Events).</summary>
public sealed partial class InstancesClient
{
    /// <summary>
    /// Opens the event stream of one instance: from now on, or exactly after <paramref name="lastEventId"/>.
    /// When this returns the subscription is live, so a change made afterwards is never missed.
    /// </summary>
    public Task<InstanceEventStream> OpenInstanceEventsAsync(Guid id, string? lastEventId = null, CancellationToken cancellationToken = default) =>
        OpenStreamAsync($"v1/instances/{Id(id)}/events", lastEventId, cancellationToken);

    /// <summary>Opens the event stream of the caller's project (every project's for an admin with <paramref name="allTenants"/>).</summary>
    public Task<InstanceEventStream> OpenEventsAsync(bool allTenants = false, string? lastEventId = null, CancellationToken cancellationToken = default) =>
        OpenStreamAsync(allTenants ? "v1/events?all_tenants=true" : "v1/events", lastEventId, cancellationToken);

    private async Task<InstanceEventStream> OpenStreamAsync(string path, string? lastEventId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        AddIdentity(request.Headers);
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                throw await ProblemReader.ReadAsync(response, cancellationToken);
            }
        }

        return new InstanceEventStream(response);
    }
}
