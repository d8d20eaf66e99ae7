using Instances.Abstractions;
using Instances.Grains.Hosting;

namespace Instances.Grains.Idempotency;

/// <inheritdoc cref="IIdempotencyKeyGrain"/>
/// <remarks>
/// The instance UUID is chosen and written before the instance grain is asked to create it, so a crash
/// between the two leaves a key whose retry creates that same instance (the instance grain refuses a second
/// create of one UUID) rather than a second one. A refused create forgets the key: only successes are remembered.
/// </remarks>
// A key is needed again only if its client retries, and a retry reads it back from storage. So a key's activation
// ends as soon as its create is answered: with Orleans' default idle age a third of the silo's activations after a
// bulk create were keys (issue 5, heap count at 10,000), and still 29,635 of 160,301 at 100,000 with a 2-minute age.
// The age stays as the bound for keys whose call failed before deciding.
[CollectionAgeLimit(Minutes = 2)]
public sealed class IdempotencyKeyGrain(
    [PersistentState(StorageNames.IdempotencyKey, StorageNames.Provider)] IPersistentState<IdempotencyKeyState> state,
    TimeProvider time)
    : Grain, IIdempotencyKeyGrain
{
    public async Task<IdempotentCreateOutcome> CreateOnceAsync(string requestHash, CreateInstanceCommand command)
    {
        var remembered = state.State;
        var live = remembered.InstanceUuid is not null && IdempotencyKeys.IsLive(remembered.RememberedAt, time.GetUtcNow());
        if (live && !string.Equals(remembered.RequestHash, requestHash, StringComparison.Ordinal))
        {
            return new IdempotentCreateOutcome(IdempotentCreateKind.KeyReused, remembered.InstanceUuid!.Value, null);
        }

        if (live && remembered.Confirmed)
        {
            return new IdempotentCreateOutcome(IdempotentCreateKind.Replayed, remembered.InstanceUuid!.Value, null);
        }

        if (!live)
        {
            state.State = new IdempotencyKeyState { RequestHash = requestHash, InstanceUuid = Guid.NewGuid(), RememberedAt = time.GetUtcNow() };
            await state.WriteStateAsync();
        }

        var uuid = state.State.InstanceUuid!.Value;
        var created = await GrainFactory.GetInstance(uuid).CreateAsync(command);
        DeactivateOnIdle(); // decided either way below, and in storage
        if (created.Outcome.Succeeded || live)
        {
            // A live, unconfirmed key whose create is refused was created by the attempt that crashed.
            state.State.Confirmed = true;
            await state.WriteStateAsync();
            return created.Outcome.Succeeded
                ? new IdempotentCreateOutcome(IdempotentCreateKind.Created, uuid, created)
                : new IdempotentCreateOutcome(IdempotentCreateKind.Replayed, uuid, null);
        }

        await state.ClearStateAsync();
        return new IdempotentCreateOutcome(IdempotentCreateKind.Refused, uuid, created);
    }
}
