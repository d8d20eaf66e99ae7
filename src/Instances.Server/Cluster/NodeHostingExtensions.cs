using Instances.Server.Hosting;

namespace Instances.Server.Cluster;

/// <summary>Chooses the node's topology from <c>Instances:Role</c>: a silo with the API (default) or a gateway-only API.</summary>
public static class NodeHostingExtensions
{
    public static WebApplicationBuilder AddInstancesNode(this WebApplicationBuilder builder)
    {
        var node = NodeSettings.From(builder.Configuration);
        builder.Services.AddSingleton(node);
        return node.Role == NodeRole.Gateway ? builder.AddInstancesGateway() : builder.AddInstancesSilo();
    }
}
