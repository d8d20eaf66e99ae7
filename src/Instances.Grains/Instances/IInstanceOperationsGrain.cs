namespace Instances.Grains.Instances;

/// <summary>
/// The instance grain's internal side. The driver work runs outside the grain's turns (so reads
/// and conflicting requests are answered while it runs) and reports back through this interface,
/// which queues the result as an ordinary, non-interleaved grain call.
/// </summary>
public interface IInstanceOperationsGrain : IGrainWithGuidKey
{
    /// <summary>Applies the result of operation <paramref name="operationId"/> if it is still the pending one.</summary>
    /// <remarks>
    /// One-way: the driver work runs in a timer callback, and a deactivating activation waits for
    /// that callback, so awaiting a reply from the same activation would deadlock. A lost message
    /// costs nothing: the reminder resumes the still-pending operation.
    /// </remarks>
    [OneWay]
    Task CompleteOperationAsync(Guid operationId, OperationResult result);

    /// <summary>
    /// Applies a power state read by the power sync while the instance was at <paramref name="version"/>
    /// (ignored if it changed since); null when nothing was read. One-way for the same reason.
    /// </summary>
    [OneWay]
    Task ApplyPowerSyncAsync(long version, Abstractions.PowerState? observed);
}
