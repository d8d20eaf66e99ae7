using System.Text.Json;

namespace Instances.Grains.Ironic;

/// <summary>The fields of Ironic's node the driver reads (<c>GET /v1/nodes/{node}</c>).</summary>
public sealed record IronicNode
{
    public required string Uuid { get; init; }
    public string? ProvisionState { get; init; }
    public string? TargetProvisionState { get; init; }
    public string? PowerState { get; init; }
    public string? TargetPowerState { get; init; }
    public string? LastError { get; init; }
    public string? InstanceUuid { get; init; }
    public Dictionary<string, JsonElement>? Extra { get; init; }
    public Dictionary<string, JsonElement>? InstanceInfo { get; init; }

    /// <summary>A string member of <c>extra</c>, if any.</summary>
    public string? ExtraString(string key) =>
        Extra is not null && Extra.TryGetValue(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A string member of <c>instance_info</c>, if any.</summary>
    public string? InstanceInfoString(string key) =>
        InstanceInfo is not null && InstanceInfo.TryGetValue(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
