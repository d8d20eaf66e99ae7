using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Instances.StorageTests.EndToEnd;

/// <summary>
/// The real server binary (src/Instances.Server, built with the solution) as a child process on
/// loopback ports of its own, for tests that kill it (<c>kill -9</c>) or stop it (SIGTERM) and start it
/// again on the same database. Output is kept for failure messages.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyDeadline = TimeSpan.FromSeconds(90);
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly StringBuilder _output = new();
    private System.Diagnostics.Process? _process;

    public ServerProcess(IReadOnlyDictionary<string, string> settings)
    {
        _settings = settings;
        HttpPort = FreePort();
        SiloPort = FreePort();
        GatewayPort = FreePort();
        Client = new RestClient(new Uri($"http://127.0.0.1:{HttpPort}"));
    }

    public int HttpPort { get; }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public RestClient Client { get; }

    /// <summary>Where the process runs (relative paths such as the default ./data/instances.db resolve here).</summary>
    public string WorkingDirectory { get; init; } = Path.GetDirectoryName(ServerDll)!;

    /// <summary>Everything the process wrote so far (stdout and stderr).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Settings that make the simulated hardware quick and the safety net short.</summary>
    public static Dictionary<string, string> FastSettings(string storage, string connectionString) => new()
    {
        ["Instances:Storage"] = storage,
        ["ConnectionStrings:Instances"] = connectionString,
        ["Instances:ReminderPeriod"] = "00:00:02",
        ["Driver:Simulated:DeployDuration"] = "00:00:00.100",
        ["Driver:Simulated:PowerDuration"] = "00:00:00.100",
        ["Driver:Simulated:RebootDuration"] = "00:00:00.100",
        ["Driver:Simulated:TeardownDuration"] = "00:00:00.100",
        ["Driver:Simulated:NodesPerZone"] = "200",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    /// <summary>Starts the binary and waits until <c>/health/ready</c> says 200.</summary>
    public async Task StartAsync(IReadOnlyDictionary<string, string>? overrides = null)
    {
        Start(overrides);
        var deadline = DateTime.UtcNow + ReadyDeadline;
        while (true)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"The server exited with code {_process.ExitCode} before it was ready:\n{Output}");
            }

            try
            {
                if ((await Client.GetAsync("/health/ready")).Status == 200)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The server was not ready within {ReadyDeadline}:\n{Output}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Starts the binary without waiting (for start-ups that are expected to fail).</summary>
    public void Start(IReadOnlyDictionary<string, string>? overrides = null)
    {
        var settings = overrides is null ? _settings : _settings.Concat(overrides).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Last().Value);
        var info = StartInfo([$"--urls=http://127.0.0.1:{HttpPort}", $"--Orleans:SiloPort={SiloPort}", $"--Orleans:GatewayPort={GatewayPort}"], settings);
        info.WorkingDirectory = WorkingDirectory;

        info.Environment["DOTNET_gcServer"] = "0";
        _process = System.Diagnostics.Process.Start(info)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Runs an operator command (<c>migrate</c>, <c>rebuild-projection</c>) of the binary to its end.</summary>
    public static async Task<(int ExitCode, string Output)> RunCommandAsync(string verb, IReadOnlyDictionary<string, string> settings)
    {
        var info = StartInfo([verb], settings);

        using var process = System.Diagnostics.Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>Waits for a process started with <see cref="Start"/> to exit by itself; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        await _process!.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    /// <summary><c>kill -9</c>: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        _process!.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as an orchestrator stops a container, and wait for the graceful shutdown; returns the exit code.</summary>
    public async Task<int> StopGracefullyAsync()
    {
        using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", _process!.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            await KillAsync();
        }

        _process?.Dispose();
        Client.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    /// <summary><c>dotnet Instances.Server.dll</c> with the given first arguments, then every setting as <c>--key=value</c>.</summary>
    private static ProcessStartInfo StartInfo(IEnumerable<string> first, IReadOnlyDictionary<string, string> settings)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(ServerDll)!,
        };
        info.ArgumentList.Add(ServerDll);
        foreach (var argument in first.Concat(settings.Select(kv => $"--{kv.Key}={kv.Value}")))
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    /// <summary>The server built beside these tests (same configuration), found from the solution root.</summary>
    public static string ServerDll { get; } = FindServer();

    private static string FindServer()
    {
        var here = AppContext.BaseDirectory;
        var configuration = here.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        for (var dir = new DirectoryInfo(here); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Instances.sln")))
            {
                var dll = Path.Combine(dir.FullName, "src", "Instances.Server", "bin", configuration, "net10.0", "Instances.Server.dll");
                return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the solution first: the server binary is missing.", dll);
            }
        }

        throw new DirectoryNotFoundException("Instances.sln not found above " + here);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
