namespace Instances.Server.Observability;

/// <summary>
/// Wraps the console provider so that every line it writes has the node's name as its outermost scope
/// (<c>Node</c>), whoever logs it (our code, ASP.NET Core, Orleans) and whether or not a request is in
/// flight: across a cluster, the line says which node wrote it. Keeps the console's alias so
/// <c>Logging:Console:*</c> filters still apply.
/// </summary>
[ProviderAlias("Console")]
public sealed class NodeScopedLoggerProvider(ILoggerProvider inner, string node) : ILoggerProvider, ISupportExternalScope
{
    private readonly LogScope _scope = new() { ["Node"] = node };

    public ILogger CreateLogger(string categoryName) => inner.CreateLogger(categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider)
    {
        if (inner is ISupportExternalScope scoped)
        {
            scoped.SetScopeProvider(new WithOuterScope(scopeProvider, _scope));
        }
    }

    public void Dispose() => inner.Dispose();

    /// <summary>The factory's scopes, with one more before them all.</summary>
    private sealed class WithOuterScope(IExternalScopeProvider scopes, object outer) : IExternalScopeProvider
    {
        public void ForEachScope<TState>(Action<object?, TState> callback, TState state)
        {
            callback(outer, state);
            scopes.ForEachScope(callback, state);
        }

        public IDisposable Push(object? state) => scopes.Push(state);
    }
}
