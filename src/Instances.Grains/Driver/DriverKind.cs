namespace Instances.Grains.Driver;

/// <summary>Which bare-metal driver the silo runs (<c>Driver:Kind</c>).</summary>
public enum DriverKind
{
    /// <summary>No hardware: nodes are grains (the default).</summary>
    Simulated,

    /// <summary>An OpenStack Ironic reached over its REST API (<c>Driver:Ironic</c>).</summary>
    Ironic,
}
