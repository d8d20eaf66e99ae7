using System.Collections.Concurrent;
using System.Globalization;
using Instances.StorageTests.EndToEnd;

namespace Instances.ClusterTests.Infrastructure;

/// <summary>
/// What a load balancer in front of the nodes does, as a client: each request goes to the next node
/// in turn; a node that refuses the connection (stopped, killed) is skipped for the next one, and a
/// 503 is retried after its <c>Retry-After</c>. Every status seen is counted.
/// </summary>
public sealed class BalancedClient(IReadOnlyList<RestClient> nodes)
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(60);
    private int _next;

    /// <summary>Status codes of every response received, 503s included.</summary>
    public ConcurrentDictionary<int, int> Seen { get; } = new();

    /// <summary>Requests that reached no node (every node refused the connection), per attempt.</summary>
    public int Unreachable => _unreachable;

    private int _unreachable;

    /// <summary>Sends until an answer other than 503 arrives, trying the nodes in turn; that answer.</summary>
    public async Task<RestResponse> SendAsync(Func<RestClient, Task<RestResponse>> send, ISet<RestClient>? avoid = null)
    {
        var deadline = DateTime.UtcNow + GiveUpAfter;
        while (true)
        {
            var node = nodes[(int)((uint)Interlocked.Increment(ref _next) % nodes.Count)];
            if (avoid?.Contains(node) == true)
            {
                continue;
            }

            RestResponse response;
            try
            {
                response = await send(node);
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref _unreachable);
                await PauseAsync(deadline, TimeSpan.FromMilliseconds(50));
                continue;
            }

            Seen.AddOrUpdate(response.Status, 1, (_, n) => n + 1);
            if (response.Status != 503)
            {
                return response;
            }

            var retryAfter = response.Headers.TryGetValue("Retry-After", out var text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
                ? TimeSpan.FromSeconds(seconds)
                : throw new InvalidOperationException("A 503 without Retry-After: " + response);
            await PauseAsync(deadline, retryAfter);
        }
    }

    private static async Task PauseAsync(DateTime deadline, TimeSpan pause)
    {
        if (DateTime.UtcNow > deadline)
        {
            throw new TimeoutException($"No node gave an answer other than 503 within {GiveUpAfter}.");
        }

        await Task.Delay(pause);
    }
}
