using Instances.Grains.Instances;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Instances.Server.Events;

namespace Instances.Server.Http;

/// <summary>The HTTP-layer services: JSON, problem details from one place, and trusted proxies.</summary>
public static class HttpServiceExtensions
{
    public static IServiceCollection AddInstancesHttp(this IServiceCollection services, IConfiguration configuration)
    {
        services.ConfigureHttpJsonOptions(o => WireJson.Configure(o.SerializerOptions));

        // Registered before AddProblemDetails so it is asked first and always answers in JSON.
        services.AddSingleton<IProblemDetailsWriter, AlwaysJsonProblemWriter>();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemCustomizer.Customize);
        services.AddExceptionHandler<ExceptionStatusHandler>();

        // Filled by the instance grains of this node (empty on a gateway-only node, whose reads all go to the grains).
        services.TryAddSingleton<LocalInstances>();
        services.AddTrustedProxies(configuration);
        services.AddOptions<EventStreamOptions>()
            .Bind(configuration.GetSection(EventStreamOptions.Section))
            .Validate(o => o.Heartbeat > TimeSpan.Zero && o.Renewal > TimeSpan.Zero && o.Buffer > 0 && o.Retry >= TimeSpan.Zero,
                "Events:Heartbeat, Events:Renewal and Events:Buffer must be positive.")
            .ValidateOnStart();
        return services;
    }
}
