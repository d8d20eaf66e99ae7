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
}
