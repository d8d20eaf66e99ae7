using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Instances.Server.Http;

/// <summary>
/// <c>X-Forwarded-For/-Proto/-Host</c> are honoured only from the proxies named in
/// <c>Http:TrustedProxies</c> (addresses or CIDR networks): anyone else could otherwise rewrite
/// the links we hand out and the client address we log. Nothing configured, nothing honoured —
/// even with <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c>, whose own default trusts every sender.
/// </summary>
public static class TrustedProxies
{
    public const string Key = "Http:TrustedProxies";

    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var trusted = configuration.GetSection(Key).Get<string[]>() ?? [];
        var networks = trusted.Select(Parse).ToList();
        services.AddOptions<ForwardedHeadersOptions>().PostConfigure(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            networks.ForEach(o.KnownIPNetworks.Add);

            // No configured proxy: trust no one (loopback is not special either).
            if (networks.Count == 0)
            {
                o.ForwardedHeaders = ForwardedHeaders.None;
            }
        });
        return services;
    }

    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
        app.UseForwardedHeaders();
        return app;
    }

    private static System.Net.IPNetwork Parse(string value) =>
        System.Net.IPNetwork.TryParse(value, out var network) ? network
        : IPAddress.TryParse(value, out var address) ? new System.Net.IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128)
        : throw new Hosting.ConfigurationRefusedException($"{Key} entry '{value}' is neither an IP address nor a CIDR network.");
}
