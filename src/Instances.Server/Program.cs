using Instances.Server.Apis;
using Instances.Server.Hosting;
using Instances.Server.Http;

if (OperatorCommands.IsCommand(args))
{
    return await OperatorCommands.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.UseDefaultListenUrl();
builder.AddInstancesSilo();
builder.Services.AddInstancesHttp();
builder.Services.AddInstancesSwagger();
builder.Services.AddInstancesHealth();

var app = builder.Build();
app.UseMiddleware<RequestIdMiddleware>();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseMiddleware<ApiVersionNegotiation>();
app.UseInstancesSwagger();
app.MapInstancesApis();
app.MapInstancesHealth();
app.LogStartupBanner();
await app.RunAsync();
return 0;

/// <summary>The entry point, public so WebApplicationFactory can reach it.</summary>
public partial class Program;
