using Instances.Server.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Instances.Server.Hosting;

/// <summary>Where Kestrel listens and how much it accepts.</summary>
public static class ListenUrlExtensions
{
    /// <summary>The original service's port, on loopback so a fresh install exposes nothing.</summary>
    public const string DefaultUrl = "http://127.0.0.1:6688";

    /// <summary>All request headers together; more is 431.</summary>
    public const int MaxHeaderBytes = 32 * 1024;

    /// <summary>
    /// Listens on <see cref="DefaultUrl"/> unless the operator chose an address (<c>--urls</c>,
    /// <c>ASPNETCORE_URLS</c>, <c>*_PORTS</c> or a <c>Kestrel:Endpoints</c> section), and caps request bodies.
    /// </summary>
    public static WebApplicationBuilder UseDefaultListenUrl(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var chosen = !string.IsNullOrEmpty(configuration["urls"])
            || !string.IsNullOrEmpty(configuration["http_ports"])
            || !string.IsNullOrEmpty(configuration["https_ports"])
            || configuration.GetSection("Kestrel:Endpoints").Exists();
        if (!chosen)
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Explicit, so they are documented and tested rather than inherited: a slow or hostile
            // client cannot pin a connection or memory for long (README, "Limits").
            var limits = kestrel.Limits;
            limits.MaxRequestBodySize = JsonBody.MaxBytes;
            limits.MaxRequestHeadersTotalSize = MaxHeaderBytes;
            limits.MaxRequestHeaderCount = 64;
            limits.MaxRequestLineSize = 8 * 1024;
            limits.RequestHeadersTimeout = TimeSpan.FromSeconds(15);
            limits.KeepAliveTimeout = TimeSpan.FromSeconds(60);
            limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(5));
        });
        return builder;
    }
}
