using Instances.Abstractions;
using Instances.Server.Http;

namespace Instances.Server.Wire;

/// <summary>Type records → wire bodies.</summary>
public static class TypeMapping
{
    public const string Collection = "types";

    public static InstanceTypeBody ToWire(this InstanceTypeSnapshot t, string baseUrl) => new(
        t.Uuid, t.Name, t.Description, t.IsPublic, t.ExtraSpecs, ResourceLinks.For(baseUrl, Collection, t.Uuid), t.CreatedAt, t.UpdatedAt);
}
