namespace Instances.Abstractions;

/// <summary>
/// Who is asking: the identity of API.md §3, carried into every grain call that needs a policy
/// check, with the <c>x-openstack-request-id</c> of the request so the action history can name it.
/// </summary>
[GenerateSerializer, Immutable, Alias("instances.caller.v1")]
public sealed record Caller(
    [property: Id(0)] string ProjectId,
    [property: Id(1)] string UserId,
    [property: Id(2)] bool IsAdmin,
    [property: Id(3)] string? RequestId = null)
{
    /// <summary>Owner project or admin may act on a resource of <paramref name="projectId"/>.</summary>
    public bool MayAccess(string projectId) => IsAdmin || string.Equals(ProjectId, projectId, StringComparison.Ordinal);
}
