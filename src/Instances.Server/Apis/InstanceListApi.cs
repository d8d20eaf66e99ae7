using Instances.Grains.Projection;
using Instances.Server.Http;
using Instances.Server.Validation;
using Instances.Server.Wire;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Instances.Server.Apis;

/// <summary>
/// <c>GET /instances</c> and <c>/instances/detail</c>: a query over the list projection (DESIGN.md §4),
/// never a fan-out over grains.
/// </summary>
public static class InstanceListApi
{
    public static Task<Results<Ok<InstanceListBody>, ProblemHttpResult>> ListAsync(HttpContext context, [FromServices] IInstanceIndex index) =>
        ListCoreAsync(context, index, detail: false);

    public static Task<Results<Ok<InstanceListBody>, ProblemHttpResult>> ListDetailAsync(HttpContext context, [FromServices] IInstanceIndex index) =>
        ListCoreAsync(context, index, detail: true);

    private static async Task<Results<Ok<InstanceListBody>, ProblemHttpResult>> ListCoreAsync(HttpContext context, IInstanceIndex index, bool detail)
    {
        var errors = new ValidationErrors();
        var fields = FieldSelection.Parse(context.Request.Query, errors);
        var caller = context.GetCaller();
        var query = await InstanceListQuery.ParseAsync(context.Request.Query, caller, index, errors);
        if (errors.Any || query is null)
        {
            return errors.ToProblem();
        }

        var baseUrl = context.Request.BaseUrl();
        if (fields is null && !detail)
        {
            // The common case reads only the summary's columns, not whole snapshots.
            var summaries = await index.QuerySummariesAsync(query);
            var links = new InstanceSummaryBody.LinkPrefixes(baseUrl);
            return Page(context, summaries.Items.Select(s => s.ToSummary(links)).ToList<object>(), summaries.HasMore, summaries.Items is [.., var lastSummary] ? lastSummary.Uuid : null);
        }

        var page = await index.QueryAsync(query);
        // Detail is serialised straight from records; only fields= builds JSON nodes.
        IReadOnlyList<object> items = fields is not null ? page.Items.Select(s => s.ToWire(baseUrl).Project(fields)).ToList<object>()
            : page.Items.Select(s => s.ToWire(baseUrl).WithAdminFields(s, caller)).ToList<object>();
        return Page(context, items, page.HasMore, page.Items is [.., var last] ? last.Uuid : null);
    }

    private static Ok<InstanceListBody> Page(HttpContext context, IReadOnlyList<object> items, bool hasMore, Guid? last) =>
        TypedResults.Ok(new InstanceListBody(items, hasMore && last is { } marker ? NextUrl(context.Request, marker) : null));

    /// <summary>The same request with <c>marker</c> set to the last item shown.</summary>
    private static string NextUrl(HttpRequest request, Guid last)
    {
        var query = new QueryBuilder(request.Query
            .Where(kv => kv.Key != "marker")
            .SelectMany(kv => kv.Value.Select(v => new KeyValuePair<string, string>(kv.Key, v ?? ""))))
        {
            { "marker", last.ToString("D") },
        };
        return $"{request.BaseUrl()}{request.Path}{query}";
    }
}
