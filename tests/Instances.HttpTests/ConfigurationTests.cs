using Instances.HttpTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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

    [Fact]
    public void WithoutAnyUrlsTheServiceListensOnLoopbackPort6688()
    {
        var configuration = factory.Services.GetRequiredService<IConfiguration>();

        Assert.Equal("http://127.0.0.1:6688", configuration["urls"]);
    }

    [Fact]
    public async Task StartUpLogsOneWarningSayingWhereItListensAndThatMemoryStorageIsLostOnRestart()
    {
        var logs = new CapturingLoggerProvider();
        await using var host = factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("Orleans:SiloPort", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
            b.UseSetting("Orleans:GatewayPort", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
            b.ConfigureLogging(l => l.AddProvider(logs));
        });

        Assert.Equal(200, (await new Api(host.CreateClient()).GetAsync("/v1")).Status);

        var banner = Assert.Single(logs.Lines, l => l.Category == "Instances.Server");
        Assert.Equal(LogLevel.Warning, banner.Level);
        Assert.Contains("listening on", banner.Message, StringComparison.Ordinal);
        Assert.Contains("Memory", banner.Message, StringComparison.Ordinal);
        Assert.Contains("nothing survives a restart", banner.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogLinesWrittenDuringARequestCarryItsRequestId()
    {
        var logs = new CapturingLoggerProvider();
        await using var host = factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("Orleans:SiloPort", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
            b.UseSetting("Orleans:GatewayPort", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
            b.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.Routing", "Information");
            b.ConfigureLogging(l => l.AddProvider(logs));
        });

        var response = await new Api(host.CreateClient()).GetAsync("/v1/availability_zones");

        var id = response.Header("x-openstack-request-id")!;
        var line = Assert.Single(logs.Lines, l => l.Message.Contains("Executing endpoint", StringComparison.Ordinal));
        var scope = Assert.Single(line.Scopes.OfType<IEnumerable<KeyValuePair<string, object>>>(), s => s.Any(kv => kv.Key == "OpenStackRequestId"));
        Assert.Equal(id, scope.Single(kv => kv.Key == "OpenStackRequestId").Value);
    }
}
