using Instances.Server.Wire;

namespace Instances.Server.Http;

/// <summary>
/// Absolute links built from the request (API.md §2 "Links"). Scheme and host are the request's after the
/// forwarded-headers middleware, so behind a proxy they are the client's view.
/// </summary>
public static class ResourceLinks
{
    public static string BaseUrl(this HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    /// <summary><c>self</c> (under /v1) and <c>bookmark</c> (without it) for <c>/{collection}/{id}</c>.</summary>
    public static IReadOnlyList<Link> For(string baseUrl, string collection, Guid id) =>
    [
        new Link($"{SelfOf(baseUrl, collection)}/{id:D}", "self"),
        new Link($"{BookmarkOf(baseUrl, collection)}/{id:D}", "bookmark"),
    ];

    /// <summary><c>self</c> and <c>bookmark</c> for a collection.</summary>
    public static IReadOnlyList<Link> ForCollection(string baseUrl, string collection) =>
    [
        new Link(SelfOf(baseUrl, collection), "self"),
        new Link(BookmarkOf(baseUrl, collection), "bookmark"),
    ];

    /// <summary>A collection's <c>self</c> URL; its members' are this plus <c>/{id}</c>.</summary>
    public static string SelfOf(string baseUrl, string collection) => $"{baseUrl}/v1/{collection}";

    /// <summary>A collection's <c>bookmark</c> URL (no version); its members' are this plus <c>/{id}</c>.</summary>
    public static string BookmarkOf(string baseUrl, string collection) => $"{baseUrl}/{collection}";

    public static string Self(this IReadOnlyList<Link> links) => links[0].Href;
}
