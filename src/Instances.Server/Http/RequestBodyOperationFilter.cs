using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Instances.Server.Http;

/// <summary>Puts each <see cref="RequestBodyDoc"/> into the Swagger description as the operation's request body, and each <see cref="ParameterDoc"/> as a parameter.</summary>
public sealed class RequestBodyOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        foreach (var parameter in metadata.OfType<ParameterDoc>())
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = parameter.Name,
                In = parameter.In,
                Required = false,
                Description = parameter.Description,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }

        var doc = metadata.OfType<RequestBodyDoc>().FirstOrDefault();
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
