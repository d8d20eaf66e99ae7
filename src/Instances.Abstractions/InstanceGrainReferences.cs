namespace Instances.Abstractions;

/// <summary>
/// <see cref="IInstanceGrain"/> references without Orleans' per-call reflection: <c>GetGrain&lt;T&gt;(Guid)</c>
/// resolves the interface's grain type by reading its custom attributes on every call (9.5 % of the CPU
/// of a state read in docs/benchmarks.md). The two resolved names never change, so they are resolved once.
/// </summary>
public static class InstanceGrainReferences
{
    // A reference, not a nullable struct of the two: a multi-word struct can be read half-written by a
    // concurrent first call (seen in CI: a default interface type gave a bare GrainReference and an
    // InvalidCastException); a reference is published whole.
    private static Resolved? _resolved;

    public static IInstanceGrain GetInstance(this IGrainFactory grains, Guid id)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var resolved = _resolved ??= Resolve(grains);
        return (IInstanceGrain)grains.GetGrain(GrainId.Create(resolved.Type, GrainIdKeyExtensions.CreateGuidKey(id)), resolved.Interface);
    }

    private static Resolved Resolve(IGrainFactory grains)
    {
        var probe = (GrainReference)grains.GetGrain<IInstanceGrain>(Guid.Empty);
        return new Resolved(probe.GrainId.Type, probe.InterfaceType);
    }

    private sealed record Resolved(GrainType Type, GrainInterfaceType Interface);
}
