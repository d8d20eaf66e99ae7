namespace Instances.Abstractions;

/// <summary>
/// One <c>Idempotency-Key</c> of one project (API.md §4 "Create"), keyed by <see cref="IdempotencyKeys.GrainKey"/>.
/// Its single-threaded turn is what makes concurrent duplicates create exactly one instance.
/// </summary>
public interface IIdempotencyKeyGrain : IGrainWithStringKey
{
    /// <summary>Creates the instance the first time; afterwards, within the key's lifetime, names the instance it created.</summary>
    Task<IdempotentCreateOutcome> CreateOnceAsync(string requestHash, CreateInstanceCommand command);
}
