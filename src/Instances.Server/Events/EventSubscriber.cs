using System.Threading.Channels;
using Instances.Abstractions.Events;

namespace Instances.Server.Events;

/// <summary>
/// The observer one event-stream connection registers with a log: pushes land in a bounded queue that
/// the connection drains. A client too slow to keep up loses its stream, not the node's memory.
/// </summary>
internal sealed class EventSubscriber(int capacity) : IInstanceEventObserver
{
    private readonly Channel<LoggedEvent> _queue = Channel.CreateBounded<LoggedEvent>(
        new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public ChannelReader<LoggedEvent> Events => _queue.Reader;

    /// <summary>True once the queue overflowed: the stream ends and the client resumes from its last id.</summary>
    public bool Overflowed { get; private set; }

    public Task OnEventAsync(LoggedEvent change)
    {
        if (!_queue.Writer.TryWrite(change))
        {
            Overflowed = true;
            _queue.Writer.TryComplete();
        }

        return Task.CompletedTask;
    }
}
