using Microsoft.OpenApi;

namespace Instances.Server.Http;

/// <summary>Swagger UI at <c>/swagger</c>, describing the <c>/v1</c> routes.</summary>
public static class SwaggerExtensions
{
    public static IServiceCollection AddInstancesSwagger(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "Instances API",
                Version = "1.0",
                Description = "Bare-metal instances (OpenStack Nimble/Mogan compatible). Every route also answers without /v1.",
            });
            o.OperationFilter<RequestBodyOperationFilter>();
        });
        return services;
    }

    public static WebApplication UseInstancesSwagger(this WebApplication app)
    {
        // Only on /swagger: both middlewares otherwise look at every request, and Swashbuckle's resolves
        // its document provider from the container for each one (2 % of the CPU of GET .../states under wrk, perf).
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/swagger", StringComparison.OrdinalIgnoreCase),
            swagger => swagger
                .UseSwagger()
                .UseSwaggerUI(o => o.SwaggerEndpoint("/swagger/v1/swagger.json", "Instances API v1")));
        return app;
    }
}
