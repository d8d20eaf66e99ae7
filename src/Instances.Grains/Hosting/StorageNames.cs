namespace Instances.Grains.Hosting;

/// <summary>Names of the grain storage provider and of each grain type's state.</summary>
/// <remarks>
/// Every grain type has its own state name because the ADO.NET storage key ignores the grain type
/// (dotnet/orleans#8746): two types sharing a name and a key would overwrite each other.
/// </remarks>
public static class StorageNames
{
    /// <summary>The one grain storage provider every grain of this service uses.</summary>
    public const string Provider = "instances";

    /// <summary>
    /// The simulated BMCs' storage: the service's provider, or memory when
    /// <c>Driver:Simulated:PersistNodes</c> is false (benchmarks: real hardware costs the database nothing).
    /// </summary>
    public const string SimulatorProvider = "simulator";

    public const string Instance = "instance";
    public const string InstanceType = "instance-type";
    public const string TypeCatalog = "type-catalog";
    public const string IndexShard = "instance-index-shard";
    public const string ZoneFleet = "simulated-zone-fleet";
    public const string SimulatedNode = "simulated-node";
    public const string IdempotencyKey = "idempotency-key";
}
