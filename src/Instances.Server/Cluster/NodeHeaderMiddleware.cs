namespace Instances.Server.Cluster;

/// <summary>
/// Names the node that served the request: the <c>x-instances-node</c> header on every response
/// (errors included) and <c>Node</c> in the log scope of the request.
/// </summary>
public sealed class NodeHeaderMiddleware(RequestDelegate next, NodeSettings node, ILogger<NodeHeaderMiddleware> logger)
{
    public const string Header = "x-instances-node";

    private readonly Dictionary<string, object> _scope = new() { ["Node"] = node.Name };

    public async Task InvokeAsync(HttpContext context)
    {
        // Set when the response starts: the exception handler clears headers before it writes.
        context.Response.OnStarting(static state =>
        {
            var (http, name) = ((HttpContext, string))state;
            http.Response.Headers[Header] = name;
            return Task.CompletedTask;
        }, (context, node.Name));

        using (logger.BeginScope(_scope))
        {
            await next(context);
        }
    }
}
