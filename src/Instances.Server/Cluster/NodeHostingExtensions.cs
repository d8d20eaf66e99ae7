using Instances.Server.Hosting;
using Orleans.Configuration;

namespace Instances.Server.Cluster;

/// <summary>Chooses the node's topology from <c>Instances:Role</c>: a silo with the API (default) or a gateway-only API.</summary>
public static class NodeHostingExtensions
{
    public static WebApplicationBuilder AddInstancesNode(this WebApplicationBuilder builder)
    {
        var node = NodeSettings.From(builder.Configuration);
        builder.Services.AddSingleton(node);
        if (node.Role == NodeRole.Gateway)
        {
            return builder.AddInstancesGateway();
        }

        // The silo carries the node's name too: in the membership table, the dashboard and Orleans' logs.
        builder.Services.Configure<SiloOptions>(o => o.SiloName = node.Name);
        return builder.AddInstancesSilo();
    }
}
