namespace Instances.Abstractions;

/// <summary>
/// Grain references without Orleans' per-call reflection: <c>GetGrain&lt;T&gt;(key)</c> and
/// <c>AsReference&lt;T&gt;()</c> resolve the interface's grain type by reading its custom attributes on every
/// call (9.5 % of the CPU of a state read in docs/benchmarks.md; about 5 % of the server's samples under the
/// power workload, from the simulated node calls and the completion call of every transition). The two
/// resolved names of an interface never change, so they are resolved once per interface.
/// </summary>
public static class GrainReferences
{
    public static IInstanceGrain GetInstance(this IGrainFactory grains, Guid id) =>
        grains.Reference<IInstanceGrain>(GrainIdKeyExtensions.CreateGuidKey(id));

    /// <summary>The grain of interface <typeparamref name="T"/> with <paramref name="key"/>, as <c>GetGrain&lt;T&gt;(key)</c> names it.</summary>
    public static T Reference<T>(this IGrainFactory grains, IdSpan key) where T : IAddressable
    {
        var names = NamesOf<T>(grains);
        return (T)grains.GetGrain(GrainId.Create(names.Type, key), names.Interface);
    }

    /// <summary>The grain <paramref name="id"/> names, seen through its interface <typeparamref name="T"/> (as <c>AsReference&lt;T&gt;()</c>).</summary>
    public static T Reference<T>(this IGrainFactory grains, GrainId id) where T : IAddressable =>
        (T)grains.GetGrain(id, NamesOf<T>(grains).Interface);

    private static Names NamesOf<T>(IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return Resolved<T>.Names ??= Resolve(grains);

        static Names Resolve(IGrainFactory grains)
        {
            var probe = (GrainReference)grains.GetGrain(typeof(T), IdSpan.Create("probe"));
            return new Names(probe.GrainId.Type, probe.InterfaceType);
        }
    }

    private static class Resolved<T>
    {
        // A reference, not a nullable struct of the two: a multi-word struct can be read half-written by a
        // concurrent first call (seen in CI: a default interface type gave a bare GrainReference and an
        // InvalidCastException); a reference is published whole.
        public static Names? Names;
    }

    private sealed record Names(GrainType Type, GrainInterfaceType Interface);
}
