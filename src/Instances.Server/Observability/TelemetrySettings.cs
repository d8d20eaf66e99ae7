using Instances.Server.Hosting;
using OpenTelemetry.Exporter;

namespace Instances.Server.Observability;

/// <summary>
/// The <c>Telemetry</c> section (README, docs/operations.md): the Prometheus scrape endpoint (on by
/// default, anonymous unless <c>Telemetry:Metrics:RequireAdmin</c>) and OTLP export of traces, metrics
/// and logs (off unless <c>Telemetry:Otlp:Endpoint</c> is set). Traces are only collected when OTLP is on.
/// </summary>
public sealed record TelemetrySettings
{
    public const string MetricsPath = "/metrics";

    public bool PrometheusEnabled { get; init; } = true;

    public bool MetricsRequireAdmin { get; init; }

    public Uri? OtlpEndpoint { get; init; }

    public OtlpExportProtocol OtlpProtocol { get; init; } = OtlpExportProtocol.HttpProtobuf;

    /// <summary>Spans are only worth creating (and Orleans' propagation only worth its filters) when they go somewhere.</summary>
    public bool TracingEnabled => OtlpEndpoint is not null;

    public static TelemetrySettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Telemetry");
        var endpoint = section["Otlp:Endpoint"];
        Uri? otlp = null;
        if (!string.IsNullOrWhiteSpace(endpoint) && (!Uri.TryCreate(endpoint, UriKind.Absolute, out otlp) || otlp.Scheme is not ("http" or "https")))
        {
            throw new ConfigurationRefusedException($"Telemetry:Otlp:Endpoint is '{endpoint}'; expected an http(s) URL such as http://collector:4318.");
        }

        return new TelemetrySettings
        {
            PrometheusEnabled = section.GetValue("Metrics:Prometheus", true),
            MetricsRequireAdmin = section.GetValue("Metrics:RequireAdmin", false),
            OtlpEndpoint = otlp,
            OtlpProtocol = Protocol(section["Otlp:Protocol"]),
        };
    }

    private static OtlpExportProtocol Protocol(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
        "grpc" => OtlpExportProtocol.Grpc,
        _ => throw new ConfigurationRefusedException($"Telemetry:Otlp:Protocol is '{text}'; expected http/protobuf or grpc."),
    };
}
