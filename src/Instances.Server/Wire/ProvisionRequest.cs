namespace Instances.Server.Wire;

/// <summary>The body of <c>PUT /v1/instances/{uuid}/states/provision</c>: <c>{"target": "rebuild", "image_uuid": ...}</c>.</summary>
public sealed class ProvisionRequest
{
    public string? Target { get; set; }

    /// <summary>The image to deploy; the instance's current image when absent or null.</summary>
    public string? ImageUuid { get; set; }
}
