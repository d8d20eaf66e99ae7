using System.Collections.Concurrent;

namespace Instances.LoadTest;

/// <summary>
/// The instances a run drives, each with the power state the tool believes it has. A worker takes
/// one, acts on it and puts it back at the end of the queue, so with many more instances than
/// workers an instance comes round again only after others have had their turn.
/// </summary>
public sealed class InstancePool(IEnumerable<(Guid Id, bool PoweredOn)> instances)
{
    private readonly ConcurrentQueue<(Guid Id, bool PoweredOn)> _idle = new(instances);

    public bool TryTake(out Guid id, out bool poweredOn)
    {
        var taken = _idle.TryDequeue(out var item);
        (id, poweredOn) = item;
        return taken;
    }

    public void Return(Guid id, bool poweredOn) => _idle.Enqueue((id, poweredOn));
}
