using Instances.Grains.Observability;
using Instances.Server.Cluster;
using Instances.Server.Http;
using Microsoft.Extensions.Diagnostics.Metrics;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Instances.Server.Observability;

/// <summary>
/// OpenTelemetry for the node: metrics of ASP.NET Core, HttpClient, the runtime, Npgsql, Orleans
/// (<c>Microsoft.Orleans</c>) and our own meter, on <c>/metrics</c> and/or OTLP; traces of the same
/// (plus Orleans grain calls and our driver spans) over OTLP. The resource names the node
/// (<c>service.instance.id</c>), so each span and series says where it came from.
/// </summary>
public static partial class TelemetryHostingExtensions
{
    public const string ServiceName = "instances";

    public static WebApplicationBuilder AddInstancesTelemetry(this WebApplicationBuilder builder)
    {
        var settings = TelemetrySettings.From(builder.Configuration);
        builder.Services.AddSingleton(settings);
        var node = NodeSettings.From(builder.Configuration);
        // Our meter is enabled through the host's metrics rules, not AddMeter: AddMeter listens to every
        // meter of that name in the process, so in a process with several hosts (the test suites) one
        // host's series would mix with, and be deactivated by, another's. The rule's default scope
        // (Global | Local) takes only meters made by this host's IMeterFactory, which is how
        // InstancesMetrics makes it.
        builder.Services.AddMetrics(metrics => metrics.EnableMetrics(InstancesMetrics.MeterName));
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName, serviceInstanceId: node.Name, autoGenerateServiceInstanceId: false))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddNpgsqlInstrumentation()
                    .AddMeter("Microsoft.Orleans");
                if (settings.PrometheusEnabled)
                {
                    // No response cache: a scrape shows what was recorded up to it.
                    metrics.AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
                }
            });

        if (settings.TracingEnabled)
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsPlumbing(http.Request.Path))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", InstancesActivities.SourceName));
            telemetry.UseOtlpExporter(settings.OtlpProtocol, settings.OtlpEndpoint!);
        }

        return builder;
    }

    /// <summary>
    /// <c>/metrics</c> in the Prometheus text format, when enabled. Scrapers rarely carry our JWT, so it is
    /// anonymous unless <c>Telemetry:Metrics:RequireAdmin</c> (then admins only, like the dashboard). Logs what telemetry is on.
    /// </summary>
    public static WebApplication MapInstancesMetrics(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<TelemetrySettings>();
        var prometheus = !settings.PrometheusEnabled ? "off" : settings.MetricsRequireAdmin ? $"{TelemetrySettings.MetricsPath} (admins only)" : $"{TelemetrySettings.MetricsPath} (anonymous)";
        var otlp = settings.OtlpEndpoint is { } endpoint ? $"{endpoint} ({settings.OtlpProtocol})" : "off";
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Instances.Server.Observability");
        LogTelemetry(logger, prometheus, otlp);
        if (!settings.PrometheusEnabled)
        {
            return app;
        }

        if (settings.MetricsRequireAdmin)
        {
            app.UseAdminOnlyPath(TelemetrySettings.MetricsPath, "Only an admin may read the metrics.");
            app.MapPrometheusScrapingEndpoint(TelemetrySettings.MetricsPath);
        }
        else
        {
            app.MapPrometheusScrapingEndpoint(TelemetrySettings.MetricsPath).AllowAnonymous();
        }

        return app;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Telemetry: Prometheus metrics {Prometheus}; OTLP export of traces, metrics and logs {Otlp}")]
    private static partial void LogTelemetry(ILogger logger, string prometheus, string otlp);

    /// <summary>Scrapes and probes would drown the traces that matter.</summary>
    private static bool IsPlumbing(PathString path) =>
        path.StartsWithSegments(TelemetrySettings.MetricsPath, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);
}
