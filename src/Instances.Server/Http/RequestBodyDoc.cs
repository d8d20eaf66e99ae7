namespace Instances.Server.Http;

/// <summary>
/// Documents a body the handler reads by hand. Not <c>Accepts</c>: that metadata makes routing answer
/// 415 before the handler can answer 404 for an unknown resource (API.md §2).
/// </summary>
public sealed record RequestBodyDoc(Type Type, IReadOnlyList<string> ContentTypes);

/// <summary>Adds <see cref="RequestBodyDoc"/> to an endpoint.</summary>
public static class RequestBodyDocExtensions
{
    public static RouteHandlerBuilder WithRequestBody<T>(this RouteHandlerBuilder builder, params string[] contentTypes) =>
        builder.WithMetadata(new RequestBodyDoc(typeof(T), contentTypes.Length == 0 ? ["application/json"] : contentTypes));
}
