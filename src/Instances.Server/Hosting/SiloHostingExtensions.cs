using System.Net;
using Instances.Grains.Driver;
using Instances.Grains.Hosting;
using Instances.Server.Cluster;
using Instances.Server.Observability;
using Instances.Storage.Configuration;
using Instances.Storage.Hosting;

namespace Instances.Server.Hosting;

/// <summary>Co-hosts the Orleans silo in the web host, so endpoints call grains in-process.</summary>
public static class SiloHostingExtensions
{
    /// <summary>
    /// The silo with the storage <c>Instances:Storage</c> chooses (SQLite file by default). Ports come from
    /// <c>Orleans:SiloPort</c> and <c>Orleans:GatewayPort</c> so that several hosts (tests, a cluster on one
    /// machine) can share it; <c>Orleans:AdvertisedIP</c> is the address other nodes reach this one on.
    /// </summary>
    public static WebApplicationBuilder AddInstancesSilo(this WebApplicationBuilder builder)
    {
        if (DriverSettings.FindProblem(builder.Configuration) is { } problem)
        {
            throw new ConfigurationRefusedException(problem);
        }

        var settings = StorageSettings.From(builder.Configuration);
        builder.Services.AddSingleton(settings);
        var endpoint = ReadEndpoint(builder.Configuration);
        builder.UseOrleans(silo => silo
            .AddInstancesGrains(builder.Configuration)
            .AddInstancesDashboard(builder.Configuration)
            .UseInstancesStorage(settings, endpoint)
            .UseFastFailureDetection(builder.Configuration)
            .AddInstancesTracing(builder.Configuration));

        // After the silo's registrations: whichever driver they chose is wrapped.
        builder.Services.MeasureBareMetalDriver();
        return builder;
    }

    internal static SiloEndpoint ReadEndpoint(IConfiguration configuration)
    {
        var orleans = configuration.GetSection("Orleans");
        var defaults = new SiloEndpoint();
        var advertised = orleans["AdvertisedIP"];
        return new SiloEndpoint
        {
            SiloPort = orleans.GetValue("SiloPort", defaults.SiloPort),
            GatewayPort = orleans.GetValue("GatewayPort", defaults.GatewayPort),
            AdvertisedAddress = string.IsNullOrWhiteSpace(advertised) ? defaults.AdvertisedAddress : IPAddress.Parse(advertised),
            ListenOnAnyAddress = orleans.GetValue("ListenOnAnyAddress", defaults.ListenOnAnyAddress),
            ClusterId = orleans["ClusterId"] ?? defaults.ClusterId,
            ServiceId = orleans["ServiceId"] ?? defaults.ServiceId,
        };
    }
}
