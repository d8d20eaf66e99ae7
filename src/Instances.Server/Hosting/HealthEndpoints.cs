using System.Text.Json;
using Instances.Server.Cluster;
using Instances.Storage.Database;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace Instances.Server.Hosting;

/// <summary>
/// <c>/health/live</c>: the process answers. <c>/health/ready</c>: this node is an active cluster
/// member (a gateway-only node: connected to a silo gateway) and its database answers; a load balancer sends it traffic only then. Both answer JSON,
/// 200 when healthy and 503 otherwise.
/// </summary>
public static class HealthEndpoints
{
    private const string Ready = "ready";

    public static IServiceCollection AddInstancesHealth(this IServiceCollection services)
    {
        // A silo node is ready as an active member; a gateway-only node while it reaches a silo gateway.
        services.AddHealthChecks()
            .Add(new HealthCheckRegistration("cluster", ClusterCheck, failureStatus: null, tags: [Ready]))
            .AddCheck<DatabaseCheck>("database", tags: [Ready]);
        return services;
    }

    public static WebApplication MapInstancesHealth(this WebApplication app)
    {
        // Probes carry no token.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready), ResponseWriter = WriteAsync }).AllowAnonymous();
        return app;
    }

    private static IHealthCheck ClusterCheck(IServiceProvider services) =>
        services.GetRequiredService<NodeSettings>().Role == NodeRole.Gateway
            ? services.GetRequiredService<GatewayConnection>()
            : ActivatorUtilities.CreateInstance<ClusterMembershipCheck>(services);

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString().ToLowerInvariant(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString().ToLowerInvariant(), description = e.Value.Description }),
        };
        return JsonSerializer.SerializeAsync(context.Response.Body, body, cancellationToken: context.RequestAborted);
    }

    /// <summary>Ready only while the local silo is an active member (not joining, not shutting down).</summary>
    private sealed class ClusterMembershipCheck(IClusterMembershipService membership, ILocalSiloDetails silo) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
            return Task.FromResult(status == SiloStatus.Active
                ? HealthCheckResult.Healthy("active cluster member")
                : HealthCheckResult.Unhealthy($"silo is {status.ToString().ToLowerInvariant()}"));
        }
    }

    /// <summary>One round trip to the database, bounded so a hung database reads as unready, not as a hung probe.</summary>
    private sealed class DatabaseCheck(IServiceProvider services) : IHealthCheck
    {
        private static readonly TimeSpan Bound = TimeSpan.FromSeconds(3);

        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            if (services.GetService<StorageDatabase>() is not { } database)
            {
                return HealthCheckResult.Healthy("memory storage");
            }

            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(Bound);
            try
            {
                await using var command = database.DataSource.CreateCommand("SELECT 1");
                await command.ExecuteScalarAsync(bounded.Token);
                return HealthCheckResult.Healthy("database answers");
            }
            catch (Exception failure) when (failure is System.Data.Common.DbException or OperationCanceledException or TimeoutException or InvalidOperationException)
            {
                return HealthCheckResult.Unhealthy("database unreachable: " + failure.Message);
            }
        }
    }
}
