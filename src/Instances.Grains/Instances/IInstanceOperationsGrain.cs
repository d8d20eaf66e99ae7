namespace Instances.Grains.Instances;

/// <summary>
/// The instance grain's internal side. The driver work runs outside the grain's turns (so reads
/// and conflicting requests are answered while it runs) and reports back through this interface,
/// which queues the result as an ordinary, non-interleaved grain call.
/// </summary>
public interface IInstanceOperationsGrain : IGrainWithGuidKey
{
    /// <summary>Applies the result of operation <paramref name="operationId"/> if it is still the pending one.</summary>
    Task CompleteOperationAsync(Guid operationId, OperationResult result);
}
