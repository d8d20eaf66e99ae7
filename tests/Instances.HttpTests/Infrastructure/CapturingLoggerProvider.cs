using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace Instances.HttpTests.Infrastructure;

/// <summary>Keeps every log line of a host, with the scopes it was written in, to assert on what an operator would see.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly AsyncLocal<ImmutableStack<object>> _scopes = new();

    public ConcurrentQueue<(string Category, LogLevel Level, string Message, IReadOnlyList<object> Scopes)> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, CapturingLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            var outer = provider._scopes.Value ?? [];
            provider._scopes.Value = outer.Push(state);
            return new Scope(() => provider._scopes.Value = outer);
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            provider.Lines.Enqueue((category, logLevel, formatter(state, exception), (provider._scopes.Value ?? []).ToList()));
    }

    private sealed class Scope(Action end) : IDisposable
    {
        public void Dispose() => end();
    }
}
