using System.Text.Json;
using System.Text.Json.Nodes;
using Instances.Abstractions;
using Instances.Grains.Projection;
using Instances.Server.Http;

namespace Instances.Server.Wire;

/// <summary>Grain records → wire bodies.</summary>
public static class InstanceMapping
{
    public const string Collection = "instances";

    public static InstanceBody ToWire(this InstanceSnapshot s, string baseUrl) => new()
    {
        Uuid = s.Uuid,
        Name = s.Name,
        Description = s.Description,
        ProjectId = s.ProjectId,
        UserId = s.UserId,
        Status = s.Status.ToName(),
        PowerState = s.PowerState.ToName(),
        TargetPowerState = s.TargetPowerState.ToName(),
        Locked = s.Locked,
        AvailabilityZone = s.AvailabilityZone,
        InstanceTypeUuid = s.InstanceTypeUuid,
        ImageUuid = s.ImageUuid,
        NetworkInfo = s.NetworkInfo.IsDefault
            ? new Dictionary<string, PortBody>()
            : s.NetworkInfo.ToDictionary(p => p.PortId.ToString("D"), ToWire),
        Extra = s.Extra,
        Fault = s.Fault is { } f ? new FaultBody(f.Code, f.Message, f.CreatedAt) : null,
        Links = ResourceLinks.For(baseUrl, Collection, s.Uuid),
        CreatedAt = s.CreatedAt,
        UpdatedAt = s.UpdatedAt,
        LaunchedAt = s.LaunchedAt,
    };

    public static InstanceSummaryBody ToSummary(this InstanceSummary s, InstanceSummaryBody.LinkPrefixes links) => new(s, links);

    /// <summary>Adds what only admins see (<c>node_uuid</c>).</summary>
    public static InstanceBody WithAdminFields(this InstanceBody body, InstanceSnapshot s, Caller caller) =>
        caller.IsAdmin ? body with { NodeUuid = s.NodeId } : body;

    public static InstanceStatesBody ToStates(this InstanceSnapshot s) =>
        new(s.PowerState.ToName(), s.TargetPowerState.ToName(), s.Status.ToName(), s.Locked, s.LastError);

    /// <summary>Only the given attributes (plus uuid and links, always), for <c>fields=</c> and the summary list.</summary>
    public static JsonObject Project(this InstanceBody body, IEnumerable<string> fields)
    {
        var all = JsonSerializer.SerializeToNode(body, WireJson.Response)!.AsObject();
        var keep = new HashSet<string>(fields, StringComparer.Ordinal) { "uuid", "links" };
        var result = new JsonObject();
        foreach (var (name, value) in all)
        {
            if (keep.Contains(name))
            {
                result[name] = value?.DeepClone();
            }
        }

        return result;
    }

    private static PortBody ToWire(NetworkPort port) => new(
        port.NetworkId,
        port.PortType,
        port.MacAddress,
        port.FixedIps.IsDefault ? [] : port.FixedIps.Select(ip => new FixedIpBody(ip.IpAddress, ip.SubnetId)).ToList());
}
