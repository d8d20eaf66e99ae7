namespace Instances.Abstractions;

/// <summary>
/// <see cref="IInstanceGrain"/> references without Orleans' per-call reflection: <c>GetGrain&lt;T&gt;(Guid)</c>
/// resolves the interface's grain type by reading its custom attributes on every call (9.5 % of the CPU
/// of a state read in docs/benchmarks.md). The two resolved names never change, so they are resolved once.
/// </summary>
public static class InstanceGrainReferences
{
    private static (GrainType Type, GrainInterfaceType Interface)? _resolved;

    public static IInstanceGrain GetInstance(this IGrainFactory grains, Guid id)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var (type, contract) = _resolved ??= Resolve(grains);
        return (IInstanceGrain)grains.GetGrain(GrainId.Create(type, GrainIdKeyExtensions.CreateGuidKey(id)), contract);
    }

    private static (GrainType, GrainInterfaceType) Resolve(IGrainFactory grains)
    {
        var probe = (GrainReference)grains.GetGrain<IInstanceGrain>(Guid.Empty);
        return (probe.GrainId.Type, probe.InterfaceType);
    }
}
