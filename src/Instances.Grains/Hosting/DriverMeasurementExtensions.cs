using Instances.Grains.Driver;
using Instances.Grains.Observability;
using Microsoft.Extensions.DependencyInjection;

namespace Instances.Grains.Hosting;

/// <summary>Puts <see cref="MeasuredDriver"/> in front of the bare-metal driver registered last.</summary>
public static class DriverMeasurementExtensions
{
    /// <summary>
    /// Call after the driver is registered (the host does, once the silo is configured): whichever
    /// driver that is, the grains then get it wrapped, so its calls are measured and traced.
    /// </summary>
    public static IServiceCollection MeasureBareMetalDriver(this IServiceCollection services)
    {
        var driver = services.LastOrDefault(d => d.ServiceType == typeof(IBareMetalDriver) && !d.IsKeyedService)
            ?? throw new InvalidOperationException("No IBareMetalDriver is registered to measure.");
        services.Remove(driver);
        services.Add(new ServiceDescriptor(typeof(IBareMetalDriver), sp => new MeasuredDriver(Create(sp, driver), sp.GetRequiredService<InstancesMetrics>()), driver.Lifetime));
        return services;
    }

    private static IBareMetalDriver Create(IServiceProvider services, ServiceDescriptor driver) =>
        (IBareMetalDriver)(driver.ImplementationInstance
            ?? driver.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, driver.ImplementationType!));
}
