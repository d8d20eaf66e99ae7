using Instances.Abstractions;

namespace Instances.Server.Wire;

/// <summary>The body of <c>GET /v1/instances/{uuid}/actions</c>: the history, newest first.</summary>
public sealed record InstanceActionsBody(IReadOnlyList<InstanceActionBody> Actions);

/// <summary>One action: what was asked, by whom, in which request, and how it ended (result null while it runs).</summary>
public sealed record InstanceActionBody(
    string Action,
    string? RequestId,
    string UserId,
    string ProjectId,
    DateTimeOffset StartTime,
    DateTimeOffset? FinishTime,
    string? Result,
    string? Message)
{
    public static InstanceActionBody From(InstanceActionRecord r) => new(
        r.Action,
        r.RequestId,
        r.UserId,
        r.ProjectId,
        r.StartTime,
        r.FinishTime,
        r.Result switch
        {
            ActionResult.Success => "success",
            ActionResult.Error => "error",
            _ => null,
        },
        r.Message);
}
