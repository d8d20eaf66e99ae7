using Microsoft.AspNetCore.HttpOverrides;

namespace Instances.Server.Http;

/// <summary>The HTTP-layer services: JSON, problem details from one place, and proxy headers.</summary>
public static class HttpServiceExtensions
{
    public static IServiceCollection AddInstancesHttp(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(o => WireJson.Configure(o.SerializerOptions));

        // Registered before AddProblemDetails so it is asked first and always answers in JSON.
        services.AddSingleton<IProblemDetailsWriter, AlwaysJsonProblemWriter>();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemCustomizer.Customize);
        services.AddExceptionHandler<ExceptionStatusHandler>();

        // ASPNETCORE_FORWARDEDHEADERS_ENABLED turns on For and Proto only; links also need the client's Host.
        services.AddOptions<ForwardedHeadersOptions>().PostConfigure<IConfiguration>((o, configuration) =>
        {
            if (string.Equals(configuration["ForwardedHeaders_Enabled"], "true", StringComparison.OrdinalIgnoreCase))
            {
                o.ForwardedHeaders |= ForwardedHeaders.XForwardedHost;
            }
        });
        return services;
    }
}
