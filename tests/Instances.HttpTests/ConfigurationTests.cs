using Instances.HttpTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Instances.HttpTests;

[Collection(ApiCollection.Name)]
public sealed class ConfigurationTests(ApiFactory factory)
{
    [Fact]
    public void TheSiloListensOnThePortsTheConfigurationNames()
    {
        var endpoints = factory.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;

        Assert.Equal(factory.SiloPort, endpoints.SiloPort);
        Assert.Equal(factory.GatewayPort, endpoints.GatewayPort);
    }
}
