using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Instances.HttpTests.Infrastructure;

/// <summary>
/// A host for the unusual: one node per zone (so a second build fails with "No valid host was found"),
/// proxies trusted at 127.0.0.1 and 192.168.50.0/24, and two test-only paths that throw past the endpoints.
/// </summary>
public sealed class EdgeCaseFactory : ApiFactory
{
    public const string BoomPath = "/test/boom";
    public const string SiloDownPath = "/test/silo-down";
    public const string Secret = "secret-connection-string";
    public const string RemoteAddressHeader = "X-Test-Remote-Address";

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Driver:Simulated:NodesPerZone"] = "1",
        ["Http:TrustedProxies:0"] = "127.0.0.1",
        ["Http:TrustedProxies:1"] = "192.168.50.0/24",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services
            .AddTransient<IStartupFilter, ThrowingTerminal>()
            .AddTransient<IStartupFilter, RemoteAddressFromTestHeader>());
    }

    /// <summary>
    /// The in-memory test server has no peer address; this gives requests one, 127.0.0.1 unless the
    /// test header <see cref="RemoteAddressHeader"/> names another, ahead of the app's pipeline.
    /// </summary>
    private sealed class RemoteAddressFromTestHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(context.Request.Headers[RemoteAddressHeader].FirstOrDefault() ?? "127.0.0.1");
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    /// <summary>Appended after the app's pipeline: reached only by unmatched paths, inside the app's exception handler.</summary>
    private sealed class ThrowingTerminal : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((HttpContext context, RequestDelegate nextMiddleware) => context.Request.Path.Value switch
            {
                BoomPath => throw new InvalidOperationException(Secret),
                SiloDownPath => throw new SiloUnavailableException(Secret),
                _ => nextMiddleware(context),
            });
        };
    }
}

/// <summary>The edge-case host.</summary>
[CollectionDefinition(Name)]
public sealed class EdgeCaseCollection : ICollectionFixture<EdgeCaseFactory>
{
    public const string Name = "edge-cases";
}
