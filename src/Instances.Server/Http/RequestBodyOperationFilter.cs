using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Instances.Server.Http;

/// <summary>Puts each <see cref="RequestBodyDoc"/> into the Swagger description as the operation's request body.</summary>
public sealed class RequestBodyOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var doc = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<RequestBodyDoc>().FirstOrDefault();
        if (doc is null)
        {
            return;
        }

        var schema = context.SchemaGenerator.GenerateSchema(doc.Type, context.SchemaRepository);
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = doc.ContentTypes.ToDictionary(ct => ct, IOpenApiMediaType (_) => new OpenApiMediaType { Schema = schema }),
        };
    }
}
