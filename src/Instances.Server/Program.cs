using Instances.Server.Apis;
using Instances.Server.Cluster;
using Instances.Server.Hosting;
using Instances.Server.Http;
using Instances.Server.Observability;
using Instances.Server.Security;
using Instances.Storage.Configuration;
using Instances.Storage.Migrations;

if (OperatorCommands.IsCommand(args))
{
    return await OperatorCommands.RunAsync(args);
}

try
{
    await RunServiceAsync(args);
    return 0;
}
catch (Exception refused) when (refused is SchemaTooNewException or StorageConfigurationException or ConfigurationRefusedException)
{
    // An operator's problem, not a crash: one clear line and a distinct exit code.
    await Console.Error.WriteLineAsync($"Instances cannot start: {refused.Message}");
    return 3;
}

static async Task RunServiceAsync(string[] args)
{
    var builder = WebApplication.CreateBuilder(args);
    builder.UseDefaultListenUrl();
    builder.AddInstancesLogging();
    builder.AddInstancesNode();
    builder.AddInstancesTelemetry();
    builder.AddInstancesAuthentication();
    builder.Services.AddInstancesHttp(builder.Configuration);
    builder.Services.AddProjectRateLimiting(builder.Configuration);
    builder.Services.AddInstancesSwagger();
    builder.Services.AddInstancesHealth();

    var app = builder.Build();
    app.UseTrustedProxies();
    app.UseMiddleware<NodeHeaderMiddleware>();
    app.UseMiddleware<RequestIdMiddleware>();
    app.UseExceptionHandler();
    app.UseStatusCodePages();
    app.UseMiddleware<ApiVersionNegotiation>();
    app.UseInstancesSwagger();
    app.UseInstancesAuthentication();
    app.UseProjectRateLimiting();
    app.MapInstancesDashboard();
    app.MapInstancesMetrics();
    app.MapInstancesApis();
    app.MapInstancesHealth();
    app.LogStartupBanner();
    await app.RunAsync();
}

/// <summary>The entry point, public so WebApplicationFactory can reach it.</summary>
public partial class Program;
