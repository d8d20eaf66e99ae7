using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Instances.StorageTests.EndToEnd;
using Xunit.Abstractions;

namespace Instances.ClusterTests;

/// <summary>
/// <c>deploy/local-cluster.sh</c> as a newcomer runs it: on the machine's own (Debian) PostgreSQL,
/// installed and started by the script when needed, 3 nodes that answer, then a stop that ends them.
/// </summary>
[Collection(ProcessClusters.Name)]
public sealed class LocalClusterScriptTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _state = Path.Combine(Path.GetTempPath(), "instances-local-cluster-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly string _database = "instances_script_" + Guid.NewGuid().ToString("N")[..12];

    [SkippableFact]
    public async Task StartGivesThreeReadyNodesAndStopEndsExactlyThem()
    {
        Skip.IfNot(Environment.IsPrivilegedProcess || File.Exists("/usr/bin/pg_lsclusters"),
            "The script needs the postgresql package, or root and apt-get to install it.");
        var httpBase = FreeRange(3);
        var environment = new Dictionary<string, string>
        {
            ["INSTANCES_HTTP_PORT"] = httpBase.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["INSTANCES_SILO_PORT"] = FreeRange(3).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["INSTANCES_GATEWAY_PORT"] = FreeRange(3).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["INSTANCES_CLUSTER_DIR"] = _state,
            ["INSTANCES_DATABASE"] = _database,
            ["INSTANCES_SERVER_DLL"] = ServerProcess.ServerDll,
        };

        var (started, startOutput) = await ScriptAsync(environment, "start");
        output.WriteLine(startOutput);
        Assert.True(started == 0, startOutput);
        Assert.Contains("Stop them with:", startOutput, StringComparison.Ordinal);
        var pids = Directory.GetFiles(_state, "node-*.pid").Select(f => int.Parse(File.ReadAllText(f).Trim(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(3, pids.Count);

        var clients = Enumerable.Range(0, 3).Select(i => new RestClient(new Uri($"http://127.0.0.1:{httpBase + i}"))).ToList();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                Assert.Contains($"http://127.0.0.1:{httpBase + i}/v1", startOutput, StringComparison.Ordinal);
                var ready = await clients[i].GetAsync("/health/ready");
                Assert.Equal(200, ready.Status);
                Assert.Equal($"node-{i + 1}", ready.Headers["x-instances-node"]);
            }

            var uuid = (await clients[0].CreateInstancesAsync(1, "script"))[0];
            Assert.Equal(200, (await clients[2].GetAsync($"/v1/instances/{uuid}")).Status);
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }

        var (stopped, stopOutput) = await ScriptAsync(environment, "stop");
        Assert.True(stopped == 0, stopOutput);
        Assert.Contains("stopped 3 node(s)", stopOutput, StringComparison.Ordinal);
        Assert.All(pids, pid => Assert.False(Running(pid), $"pid {pid} still runs"));
        Assert.Empty(Directory.GetFiles(_state, "node-*.pid"));
    }

    public void Dispose()
    {
        // Whatever happened, end what the script started and drop the test's database.
        if (Directory.Exists(_state))
        {
            foreach (var pid in Directory.GetFiles(_state, "node-*.pid").Select(f => int.Parse(File.ReadAllText(f).Trim(), System.Globalization.CultureInfo.InvariantCulture)).Where(Running))
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
            }

            Directory.Delete(_state, recursive: true);
        }

        if (Environment.IsPrivilegedProcess)
        {
            using var drop = Process.Start("runuser", ["-u", "postgres", "--", "dropdb", "--if-exists", "--force", _database]);
            drop?.WaitForExit(30_000);
        }
    }

    private static async Task<(int ExitCode, string Output)> ScriptAsync(Dictionary<string, string> environment, string verb)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(RepositoryRoot(), "deploy", "local-cluster.sh"));
        info.ArgumentList.Add(verb);
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>Alive and not a zombie (an ended child of the script waits for init to reap it).</summary>
    private static bool Running(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].FirstOrDefault() is not ('Z' or 'X');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Instances.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Instances.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The first of <paramref name="count"/> consecutive free loopback ports.</summary>
    private static int FreeRange(int count)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var first = Random.Shared.Next(20000, 60000 - count);
            if (Enumerable.Range(first, count).All(IsFree))
            {
                return first;
            }
        }

        throw new InvalidOperationException("No free range of loopback ports.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
