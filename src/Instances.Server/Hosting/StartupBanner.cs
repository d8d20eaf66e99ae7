using Instances.Server.Cluster;
using Instances.Storage.Configuration;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Instances.Server.Hosting;

/// <summary>The one line an operator needs at start: where the service listens and what it stores into.</summary>
public static partial class StartupBanner
{
    public static WebApplication LogStartupBanner(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Instances.Server");
        var storage = app.Services.GetRequiredService<StorageSettings>();
        var node = app.Services.GetRequiredService<NodeSettings>();
        var described = storage.Describe();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
            var where = addresses is { Count: > 0 } ? string.Join(", ", addresses) : "an in-process test server";
            if (storage.IsDurable)
            {
                Listening(logger, where, node.Name, node.Role, described);
            }
            else
            {
                ListeningInMemory(logger, where, node.Name);
            }
        });
        return app;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Instances API listening on {Addresses}; node {Node} ({Role}); storage: {Storage}")]
    private static partial void Listening(ILogger logger, string addresses, string node, NodeRole role, string storage);

    // A warning, not information: with memory storage every instance is lost on restart.
    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Instances API listening on {Addresses}; node {Node}; storage: Memory (nothing survives a restart)")]
    private static partial void ListeningInMemory(ILogger logger, string addresses, string node);
}
