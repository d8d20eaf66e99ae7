using Orleans.Configuration;

namespace Instances.Server.Cluster;

/// <summary>
/// How fast the cluster notices a dead node (docs/cluster.md has the measurements and the trade-off).
/// Orleans' defaults wait for 3 missed 5 s probes; these wait for 2 missed 1 s probes, so a dead
/// node's grains and reminders move within seconds, at the price of declaring a node that stalls
/// (a long GC pause, a saturated CPU) dead sooner. Every value can be overridden under
/// <c>Orleans:Membership</c> (the names of <see cref="ClusterMembershipOptions"/>).
/// </summary>
public static class ClusterTimings
{
    public const string MembershipSection = "Orleans:Membership";
    public const string GatewayListRefreshKey = "Orleans:GatewayListRefreshPeriod";
    public const string ResponseTimeoutKey = "Orleans:ResponseTimeout";

    public static ISiloBuilder UseFastFailureDetection(this ISiloBuilder silo, IConfiguration configuration) =>
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(1);
            o.NumMissedProbesLimit = 2;
            o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
            o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
            configuration.GetSection(MembershipSection).Bind(o);
        });

    /// <summary>
    /// How long a gateway-only node waits for a grain call's answer (Orleans: 30 s). A call in flight to a
    /// silo that was killed is not failed when its connection drops; it waits for this timeout, and
    /// the HTTP client with it. Timed out, it is a 503 with Retry-After, and the retry reaches the survivor.
    /// </summary>
    public static TimeSpan ResponseTimeout(IConfiguration configuration) =>
        configuration.GetValue(ResponseTimeoutKey, TimeSpan.FromSeconds(10));

    /// <summary>How often a gateway-only node re-reads the silo list from the membership table (Orleans: 1 minute).</summary>
    public static TimeSpan GatewayListRefreshPeriod(IConfiguration configuration) =>
        configuration.GetValue(GatewayListRefreshKey, TimeSpan.FromSeconds(2));
}
