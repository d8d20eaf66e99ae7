using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Instances.IronicTests;

/// <summary>
/// One standalone Ironic for the whole run, brought up by deploy/ironic/standalone.sh exactly as an
/// operator would: six nodes in zone-a, then one in zone-b (so a second build there has no node).
/// No Ironic installed and no way to install it (not root, or no apt-get): the tests skip with the
/// reason. Otherwise (CI runs as root) a failed install or start fails them.
/// </summary>
public sealed class IronicFixture : IAsyncLifetime
{
    public const string ZoneA = "zone-a";
    public const string ZoneB = "zone-b";
    public const int ZoneANodes = 6;

    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"instances-ironic-tests-{Guid.NewGuid():N}");

    public int Port { get; } = FreePort();

    /// <summary>Why Ironic is not there (the tests skip); null when it runs.</summary>
    public string? Unavailable { get; private set; }

    /// <summary>Ironic's own API, to check what the driver did.</summary>
    public HttpClient Api { get; } = new();

    public Uri Endpoint => new($"http://127.0.0.1:{Port}");

    public static string RepositoryRoot { get; } = FindRoot();

    public async Task InitializeAsync()
    {
        if (!OnPath("ironic") && !(IsRoot() && OnPath("apt-get")))
        {
            Unavailable = IsRoot()
                ? "Ironic is not installed and there is no apt-get to install ironic-common with."
                : "Ironic is not installed and installing it (apt-get install ironic-common) needs root.";
            return;
        }

        Api.BaseAddress = Endpoint;
        Api.DefaultRequestHeaders.Add("X-OpenStack-Ironic-API-Version", "1.78");
        await ScriptAsync("start", "--nodes", ZoneANodes.ToString(System.Globalization.CultureInfo.InvariantCulture), "--zone", ZoneA);
        try
        {
            await ScriptAsync("enroll", "--nodes", "1", "--zone", ZoneB);
        }
        catch
        {
            await ScriptAsync("stop"); // a failed start leaves nothing running behind it
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (Unavailable is null)
        {
            await ScriptAsync("stop");
            Directory.Delete(_dir, recursive: true);
        }

        Api.Dispose();
    }

    public async Task<JsonElement> NodeAsync(string node) => await GetJsonAsync($"/v1/nodes/{node}");

    /// <summary>The allocation named after the instance, or null when Ironic has none.</summary>
    public async Task<JsonElement?> AllocationAsync(string instance)
    {
        using var response = await Api.GetAsync($"/v1/allocations/{instance}");
        return response.StatusCode == HttpStatusCode.NotFound ? null : JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Api.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private async Task ScriptAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(RepositoryRoot, "deploy", "ironic", "standalone.sh"));
        foreach (var argument in arguments.Concat(["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--dir", _dir]))
        {
            info.ArgumentList.Add(argument);
        }

        using var script = Process.Start(info)!;
        var output = script.StandardOutput.ReadToEndAsync();
        var errors = script.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await script.WaitForExitAsync(timeout.Token);
        if (script.ExitCode != 0)
        {
            throw new InvalidOperationException($"standalone.sh {string.Join(' ', arguments)} failed ({script.ExitCode}):\n{await output}\n{await errors}");
        }
    }

    private static bool OnPath(string program) =>
        Environment.GetEnvironmentVariable("PATH")?.Split(':').Any(dir => File.Exists(Path.Combine(dir, program))) == true;

    private static bool IsRoot() => Environment.UserName == "root";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRoot()
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
}
