using Instances.Server.Hosting;
using Instances.Server.Observability;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;

namespace Instances.HttpTests;

/// <summary>The Telemetry and Logging:Format keys: defaults, and values that cannot work name the key.</summary>
public class TelemetrySettingsTests
{
    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void PrometheusIsOnAndAnonymousAndOtlpOffByDefault()
    {
        var settings = TelemetrySettings.From(Configuration());

        Assert.True(settings.PrometheusEnabled);
        Assert.False(settings.MetricsRequireAdmin);
        Assert.Null(settings.OtlpEndpoint);
        Assert.False(settings.TracingEnabled);
    }

    [Fact]
    public void AnOtlpEndpointTurnsTracingOnWithHttpProtobufUnlessGrpcIsAsked()
    {
        var http = TelemetrySettings.From(Configuration(("Telemetry:Otlp:Endpoint", "http://collector:4318")));
        var grpc = TelemetrySettings.From(Configuration(("Telemetry:Otlp:Endpoint", "http://collector:4317"), ("Telemetry:Otlp:Protocol", "grpc")));

        Assert.True(http.TracingEnabled);
        Assert.Equal(OtlpExportProtocol.HttpProtobuf, http.OtlpProtocol);
        Assert.Equal(OtlpExportProtocol.Grpc, grpc.OtlpProtocol);
    }

    [Theory]
    [InlineData("collector:4318", null, "Telemetry:Otlp:Endpoint")]
    [InlineData("ftp://collector", null, "Telemetry:Otlp:Endpoint")]
    [InlineData("http://collector:4318", "http/json", "Telemetry:Otlp:Protocol")]
    public void TelemetryValuesThatCannotWorkSayWhichKeyToFix(string endpoint, string? protocol, string named)
    {
        (string, string)[] values = protocol is null
            ? [("Telemetry:Otlp:Endpoint", endpoint)]
            : [("Telemetry:Otlp:Endpoint", endpoint), ("Telemetry:Otlp:Protocol", protocol)];

        var refused = Assert.Throws<ConfigurationRefusedException>(() => TelemetrySettings.From(Configuration(values)));

        Assert.Contains(named, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownLogFormatIsRefusedNamingTheKey()
    {
        var builder = WebApplication.CreateBuilder(["--Logging:Format=xml"]);

        var refused = Assert.Throws<ConfigurationRefusedException>(() => builder.AddInstancesLogging());

        Assert.Contains("Logging:Format", refused.Message, StringComparison.Ordinal);
    }
}
