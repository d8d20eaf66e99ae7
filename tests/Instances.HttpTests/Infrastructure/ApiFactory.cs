using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Instances.HttpTests.Infrastructure;

/// <summary>
/// The real host (web + co-hosted silo) with fast simulated hardware and its own free Orleans ports.
/// Settings go in through <c>UseSetting</c>, which Program.cs sees before it builds the silo.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>
{
    /// <summary>An image whose deploy always fails (<c>Driver:Simulated:FailingImages</c>).</summary>
    public const string CorruptImage = "0badc0de-0000-4000-8000-000000000001";

    public static readonly IReadOnlyDictionary<string, string> FastHardware = new Dictionary<string, string>
    {
        ["Driver:Simulated:FailingImages:0"] = CorruptImage,
        ["Driver:Simulated:DeployDuration"] = "00:00:00.050",
        ["Driver:Simulated:PowerDuration"] = "00:00:00.050",
        ["Driver:Simulated:RebootDuration"] = "00:00:00.080",
        ["Driver:Simulated:TeardownDuration"] = "00:00:00.050",
        ["Instances:ReminderPeriod"] = "00:00:01",

        // HTTP behaviour is storage-independent; durable storage has its own tests (Instances.StorageTests).
        ["Instances:Storage"] = "Memory",
        ["Instances:AvailabilityZones:0"] = "zone-a",
        ["Instances:AvailabilityZones:1"] = "zone-b",
    };

    private readonly Lazy<Task<(string Type, string Instance)>> _shared;

    public ApiFactory() => _shared = new(CreateSharedAsync);

    public int SiloPort { get; } = FreePort.Next();

    public int GatewayPort { get; } = FreePort.Next();

    /// <summary>Extra settings of a derived fixture; they win over <see cref="FastHardware"/>.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    /// <summary>One public type and one active instance that tests may read but must not change.</summary>
    public Task<(string Type, string Instance)> SharedAsync() => _shared.Value;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Orleans:SiloPort", SiloPort.ToString());
        builder.UseSetting("Orleans:GatewayPort", GatewayPort.ToString());
        foreach (var (key, value) in FastHardware.Concat(Settings))
        {
            builder.UseSetting(key, value);
        }
    }

    private async Task<(string Type, string Instance)> CreateSharedAsync()
    {
        var api = new Api(CreateClient());
        var type = await api.CreateTypeAsync();
        return (type, await api.CreateActiveInstanceAsync(type, "shared"));
    }
}
