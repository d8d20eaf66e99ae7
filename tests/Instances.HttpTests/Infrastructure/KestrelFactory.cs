using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Instances.HttpTests.Infrastructure;

/// <summary>The host on a real Kestrel loopback port: requests cross a real socket, as in production.</summary>
public sealed class KestrelFactory : ApiFactory
{
    public KestrelFactory()
    {
        UseKestrel();
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        BaseAddress = new Uri(address);
    }

    public Uri BaseAddress { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("urls", "http://127.0.0.1:0"); // a free port, instead of the default 6688
    }

    public HttpClient CreateSocketClient() => new(new SocketsHttpHandler()) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
}

/// <summary>The Kestrel host.</summary>
[CollectionDefinition(Name)]
public sealed class KestrelCollection : ICollectionFixture<KestrelFactory>
{
    public const string Name = "kestrel";
}
