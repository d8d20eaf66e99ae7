using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Instances.LoadTests;

/// <summary>
/// The real server (web + co-hosted silo, memory storage, fast simulated hardware) on a Kestrel
/// loopback port, so the load tool talks to it over real sockets as it would in production.
/// </summary>
public sealed class ServerFactory : WebApplicationFactory<Program>
{
    public ServerFactory()
    {
        UseKestrel();
        StartServer();
        BaseAddress = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/");
    }

    public Uri BaseAddress { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.UseSetting("Orleans:SiloPort", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Orleans:GatewayPort", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Instances:Storage", "Memory");
        builder.UseSetting("Instances:ReminderPeriod", "00:00:01");
        builder.UseSetting("Driver:Simulated:DeployDuration", "00:00:00.050");
        builder.UseSetting("Driver:Simulated:PowerDuration", "00:00:00.030");
        builder.UseSetting("Driver:Simulated:RebootDuration", "00:00:00.040");
        builder.UseSetting("Driver:Simulated:TeardownDuration", "00:00:00.030");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>One server for the tests that need one.</summary>
[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<ServerFactory>
{
    public const string Name = "server";
}
