using Instances.Grains.Hosting;

namespace Instances.Server.Hosting;

/// <summary>Co-hosts the Orleans silo in the web host, so endpoints call grains in-process.</summary>
public static class SiloHostingExtensions
{
    /// <summary>The storage the co-hosted silo uses; logged at start because nothing in it survives a restart.</summary>
    public const string StorageKind = "Memory";

    public const int DefaultSiloPort = 11111;
    public const int DefaultGatewayPort = 30000;

    /// <summary>
    /// A single-node localhost cluster with in-memory grain storage and reminders. Ports come from
    /// <c>Orleans:SiloPort</c> and <c>Orleans:GatewayPort</c> so that several hosts (tests) can share a machine.
    /// </summary>
    public static WebApplicationBuilder AddInstancesSilo(this WebApplicationBuilder builder)
    {
        var siloPort = builder.Configuration.GetValue("Orleans:SiloPort", DefaultSiloPort);
        var gatewayPort = builder.Configuration.GetValue("Orleans:GatewayPort", DefaultGatewayPort);
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(siloPort, gatewayPort)
            .AddMemoryGrainStorage(StorageNames.Provider)
            .UseInMemoryReminderService()
            .AddInstancesGrains(builder.Configuration));
        return builder;
    }
}
