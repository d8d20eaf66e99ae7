namespace Instances.Server.Cluster;

/// <summary>
/// Names the node that served the request: the <c>x-instances-node</c> header on every response
/// (errors included). Log lines name the node through every line's scope (Observability/NodeScopedLoggerProvider).
/// </summary>
public sealed class NodeHeaderMiddleware(RequestDelegate next, NodeSettings node)
{
    public const string Header = "x-instances-node";

    public Task InvokeAsync(HttpContext context)
    {
        // Set when the response starts: the exception handler clears headers before it writes.
        context.Response.OnStarting(static state =>
        {
            var (http, name) = ((HttpContext, string))state;
            http.Response.Headers[Header] = name;
            return Task.CompletedTask;
        }, (context, node.Name));

        return next(context);
    }
}
