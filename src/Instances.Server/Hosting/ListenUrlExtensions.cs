using Instances.Server.Http;

namespace Instances.Server.Hosting;

/// <summary>Where Kestrel listens and how much it accepts.</summary>
public static class ListenUrlExtensions
{
    /// <summary>The original service's port, on loopback so a fresh install exposes nothing.</summary>
    public const string DefaultUrl = "http://127.0.0.1:6688";

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

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = JsonBody.MaxBytes);
        return builder;
    }
}
