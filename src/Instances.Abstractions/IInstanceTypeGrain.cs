using System.Collections.Immutable;

namespace Instances.Abstractions;

/// <summary>One instance type, keyed by its UUID.</summary>
public interface IInstanceTypeGrain : IGrainWithGuidKey
{
    /// <summary>Creates the type; returns null if the UUID is already taken.</summary>
    Task<InstanceTypeSnapshot?> CreateAsync(InstanceTypeDefinition definition);

    /// <summary>The type, or null when it does not exist.</summary>
    Task<InstanceTypeSnapshot?> GetAsync();

    /// <summary>Changes name, description or visibility; null when the type does not exist.</summary>
    Task<InstanceTypeSnapshot?> UpdateAsync(InstanceTypeUpdate update);

    /// <summary>Merges extra specs into the type's; null when the type does not exist.</summary>
    Task<InstanceTypeSnapshot?> MergeExtraSpecsAsync(ImmutableSortedDictionary<string, string> specs);

    /// <summary>Removes one extra spec; NotFound when the type or the key does not exist.</summary>
    Task<Outcome> RemoveExtraSpecAsync(string key);

    /// <summary>Deletes the type; Conflict while any instance uses it.</summary>
    Task<Outcome> DeleteAsync();
}
