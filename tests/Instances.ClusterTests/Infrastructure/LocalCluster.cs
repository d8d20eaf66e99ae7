using Instances.StorageTests.Databases;
using Instances.StorageTests.EndToEnd;

namespace Instances.ClusterTests.Infrastructure;

/// <summary>
/// Nodes of one cluster as real server processes on loopback, each on ports of its own, all on one
/// fresh database of the shared private PostgreSQL server. Node i is named <c>node-i</c>.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    private readonly List<ServerProcess> _nodes = [];

    private LocalCluster(string connectionString) => ConnectionString = connectionString;

    public string ConnectionString { get; }

    public IReadOnlyList<ServerProcess> Nodes => _nodes;

    /// <summary>A fresh database and <paramref name="silos"/> silo nodes started together (they migrate under the advisory lock).</summary>
    public static async Task<LocalCluster> StartAsync(int silos, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var server = await PostgresServer.SharedAsync();
        var cluster = new LocalCluster(await server.CreateDatabaseAsync());
        try
        {
            var nodes = Enumerable.Range(1, silos).Select(_ => cluster.Add(overrides)).ToList();
            await Task.WhenAll(nodes.Select(node => node.StartAsync()));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Settings of every node: quick simulated hardware, PostgreSQL, the shipped membership timings.</summary>
    public Dictionary<string, string> Settings(IReadOnlyDictionary<string, string>? overrides = null)
    {
        var settings = ServerProcess.FastSettings("PostgreSQL", ConnectionString);
        settings["Instances:NodeName"] = $"node-{_nodes.Count + 1}";
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>A node not started yet (start it with <see cref="ServerProcess.StartAsync"/>).</summary>
    public ServerProcess Add(IReadOnlyDictionary<string, string>? overrides = null)
    {
        var node = new ServerProcess(Settings(overrides));
        _nodes.Add(node);
        return node;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }
    }
}
