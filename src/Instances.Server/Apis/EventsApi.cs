using Instances.Abstractions;
using Instances.Abstractions.Events;
using Instances.Server.Events;
using Instances.Server.Http;
using Instances.Server.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Instances.Server.Apis;

/// <summary>
/// <c>GET /instances/{uuid}/events</c> and <c>GET /events</c> (API.md §8 "Live events"): Server-Sent Events
/// from the event log of a project (or of all projects for an admin's <c>all_tenants</c>), resumable with
/// <c>Last-Event-ID</c>. Failures before the stream starts are problem+json like any other.
/// </summary>
public static class EventsApi
{
    public const string LastEventIdHeader = "Last-Event-ID";

    /// <summary>The query form of <see cref="LastEventIdHeader"/>, for clients (EventSource) that cannot set headers on the first request.</summary>
    public const string LastEventIdQuery = "last_event_id";

    private const string ResumeDoc = "Resume after this event id (also accepted as the last_event_id query parameter): "
        + "the events kept since (10 minutes by default) are sent first, then live ones.";

    public static void MapEventsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/instances/{uuid}/events", InstanceEventsAsync).WithTags("Events")
            .WithHeader(LastEventIdHeader, ResumeDoc)
            .Produces<string>(StatusCodes.Status200OK, EventStreamResult.ContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        routes.MapGet("/events", AllEventsAsync).WithTags("Events")
            .WithHeader(LastEventIdHeader, ResumeDoc)
            .WithQuery("all_tenants", "Admins: every project's events (ignored for members, as in lists).")
            .WithQuery("project_id", "Admins: another project's events (ignored for members).")
            .Produces<string>(StatusCodes.Status200OK, EventStreamResult.ContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    /// <summary>The changes of one instance, from its project's log.</summary>
    public static async Task<IResult> InstanceEventsAsync(string uuid, HttpContext context, [FromServices] IGrainFactory grains)
    {
        if (!Rules.TryParseUuid(uuid, out var id) || await grains.GetInstance(id).GetAsync(context.GetCaller()) is not { } instance)
        {
            return Problems.InstanceNotFound(uuid);
        }

        return ReadResumePoint(context.Request, out var after) is { } problem
            ? problem
            : new EventStreamResult(EventLogs.ForProject(instance.ProjectId), change => change.Uuid == id, after);
    }

    /// <summary>The changes of every instance the caller's list would show: their project, another one or all for an admin.</summary>
    public static IResult AllEventsAsync(HttpContext context)
    {
        var errors = new ValidationErrors();
        var project = InstanceListQuery.Scope(context.Request.Query, context.GetCaller(), errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        return ReadResumePoint(context.Request, out var after) is { } problem
            ? problem
            : new EventStreamResult(project is null ? EventLogs.All : EventLogs.ForProject(project), _ => true, after);
    }

    private static ProblemHttpResult? ReadResumePoint(HttpRequest request, out EventPosition? after)
    {
        after = null;
        var (field, text) = request.Headers.TryGetValue(LastEventIdHeader, out var header) ? (LastEventIdHeader, header.ToString())
            : request.Query.TryGetValue(LastEventIdQuery, out var query) ? (LastEventIdQuery, query.ToString())
            : (null, null);
        if (field is null || string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!EventPosition.TryParse(text.Trim(), out var position))
        {
            return Problems.Field(field, $"'{field}' must be an event id this service sent (such as '1764190000000-42'), not '{text}'.");
        }

        after = position;
        return null;
    }
}
