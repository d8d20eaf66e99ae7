using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Instances.Server.Cluster;

/// <summary>
/// A gateway-only node's link to the silos: how many Orleans gateways it is connected to (its
/// readiness), and the retry policy of the first connection, which waits for silos for as long as
/// the node runs — a gateway may start before any silo.
/// </summary>
public sealed partial class GatewayConnection(ILogger<GatewayConnection> logger) : IClusterConnectionStatusObserver, IClientConnectionRetryFilter, IHealthCheck
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    private int _gateways;

    public int ConnectedGateways => Volatile.Read(ref _gateways);

    public void NotifyGatewayCountChanged(int currentNumberOfGateways, int previousNumberOfGateways, bool connectionRecovered) =>
        Volatile.Write(ref _gateways, currentNumberOfGateways);

    public void NotifyClusterConnectionLost() => Volatile.Write(ref _gateways, 0);

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        WaitingForSilos(logger, exception.Message);
        await Task.Delay(RetryDelay, cancellationToken);
        return !cancellationToken.IsCancellationRequested;
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var gateways = ConnectedGateways;
        return Task.FromResult(gateways > 0
            ? HealthCheckResult.Healthy($"connected to {gateways} silo gateway(s)")
            : HealthCheckResult.Unhealthy("connected to no silo gateway"));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No silo gateway reachable yet ({Reason}); retrying")]
    private static partial void WaitingForSilos(ILogger logger, string reason);
}
