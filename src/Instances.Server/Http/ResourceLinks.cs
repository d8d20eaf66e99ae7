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
        new Link($"{baseUrl}/v1/{collection}/{id:D}", "self"),
        new Link($"{baseUrl}/{collection}/{id:D}", "bookmark"),
    ];

    /// <summary><c>self</c> and <c>bookmark</c> for a collection.</summary>
    public static IReadOnlyList<Link> ForCollection(string baseUrl, string collection) =>
    [
        new Link($"{baseUrl}/v1/{collection}", "self"),
        new Link($"{baseUrl}/{collection}", "bookmark"),
    ];

    public static string Self(this IReadOnlyList<Link> links) => links[0].Href;
}
