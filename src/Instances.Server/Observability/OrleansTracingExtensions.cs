namespace Instances.Server.Observability;

/// <summary>
/// Orleans' activity propagation: a grain call carries the caller's trace context (to whichever silo
/// hosts the grain) and is a span of its own (sources <c>Microsoft.Orleans.Runtime</c> and
/// <c>Microsoft.Orleans.Application</c>). Both ends need it: the silo, and a gateway-only node's client.
/// </summary>
public static class OrleansTracingExtensions
{
    public static ISiloBuilder AddInstancesTracing(this ISiloBuilder silo, IConfiguration configuration) =>
        TelemetrySettings.From(configuration).TracingEnabled ? silo.AddActivityPropagation() : silo;

    public static IClientBuilder AddInstancesTracing(this IClientBuilder client, IConfiguration configuration) =>
        TelemetrySettings.From(configuration).TracingEnabled ? client.AddActivityPropagation() : client;
}
