using Instances.Client;

namespace Instances.LoadTest;

/// <summary>One client per base URL; requests go round-robin, so a run spreads over every node.</summary>
public sealed class ClientPool : IDisposable
{
    private readonly InstancesClient[] _clients;
    private int _next = -1;

    public ClientPool(IReadOnlyList<Uri> urls, InstancesClientOptions options)
    {
        if (urls.Count == 0)
        {
            throw new ArgumentException("At least one base URL is needed.", nameof(urls));
        }

        _clients = urls.Select(u => new InstancesClient(u, options)).ToArray();
    }

    public int Count => _clients.Length;

    public InstancesClient Next() => _clients[(uint)Interlocked.Increment(ref _next) % _clients.Length];

    public void Dispose()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
    }
}
