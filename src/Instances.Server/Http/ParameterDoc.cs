using Microsoft.OpenApi;

namespace Instances.Server.Http;

/// <summary>Documents a header or query parameter an endpoint reads by hand, for the Swagger description.</summary>
public sealed record ParameterDoc(string Name, ParameterLocation In, string Description);

/// <summary>Adds <see cref="ParameterDoc"/> to an endpoint.</summary>
public static class ParameterDocExtensions
{
    public static RouteHandlerBuilder WithHeader(this RouteHandlerBuilder builder, string name, string description) =>
        builder.WithMetadata(new ParameterDoc(name, ParameterLocation.Header, description));

    public static RouteHandlerBuilder WithQuery(this RouteHandlerBuilder builder, string name, string description) =>
        builder.WithMetadata(new ParameterDoc(name, ParameterLocation.Query, description));
}
