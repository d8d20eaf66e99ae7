using Instances.Server.Cluster;
using Instances.Server.Hosting;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Instances.Server.Observability;

/// <summary>
/// Console log format from <c>Logging:Format</c>: <c>simple</c> (default, for people) or <c>json</c>
/// (one JSON object a line with every scope, for collectors). Either way every console line carries
/// the node's name as a scope, Orleans' own lines included (<see cref="NodeScopedLoggerProvider"/>).
/// </summary>
public static class LoggingHostingExtensions
{
    public const string FormatKey = "Logging:Format";

    public static WebApplicationBuilder AddInstancesLogging(this WebApplicationBuilder builder)
    {
        var format = builder.Configuration[FormatKey]?.Trim().ToLowerInvariant();
        switch (format)
        {
            case null or "" or "simple":
                break;
            case "json":
                builder.Logging.AddJsonConsole(o =>
                {
                    o.IncludeScopes = true;
                    o.UseUtcTimestamp = true;
                    o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
                });
                break;
            default:
                throw new ConfigurationRefusedException($"{FormatKey} is '{format}'; expected simple or json.");
        }

        var node = NodeSettings.From(builder.Configuration).Name;
        var console = builder.Services.Where(d => d.ServiceType == typeof(ILoggerProvider) && d.ImplementationType == typeof(ConsoleLoggerProvider)).ToList();
        foreach (var registration in console)
        {
            builder.Services.Remove(registration);
        }

        if (console.Count > 0)
        {
            builder.Services.AddSingleton<ILoggerProvider>(sp => new NodeScopedLoggerProvider(
                new ConsoleLoggerProvider(sp.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>(), sp.GetServices<ConsoleFormatter>()), node));
        }

        return builder;
    }
}
