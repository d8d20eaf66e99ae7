namespace Instances.Server.Wire;

/// <summary>The body of <c>POST /v1/instances</c>. Everything nullable: presence and shape are validated by hand, naming the field.</summary>
public sealed class CreateInstanceRequest
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? InstanceTypeUuid { get; set; }
    public string? ImageUuid { get; set; }
    public string? AvailabilityZone { get; set; }
    public IList<NetworkRequestBody?>? Networks { get; set; }
    public IDictionary<string, string?>? Extra { get; set; }
}

/// <summary>One requested network; <c>net_id</c> is the original service's later name for <c>uuid</c>.</summary>
public sealed class NetworkRequestBody
{
    public string? Uuid { get; set; }
    public string? NetId { get; set; }
    public string? PortType { get; set; }
}
