using Instances.Server.Apis;
using Instances.Server.Hosting;
using Instances.Server.Http;

var builder = WebApplication.CreateBuilder(args);
builder.UseDefaultListenUrl();
builder.AddInstancesSilo();
builder.Services.AddInstancesHttp();
builder.Services.AddInstancesSwagger();

var app = builder.Build();
app.UseMiddleware<RequestIdMiddleware>();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseMiddleware<ApiVersionNegotiation>();
app.UseInstancesSwagger();
app.MapInstancesApis();
app.LogStartupBanner();
app.Run();

/// <summary>The entry point, public so WebApplicationFactory can reach it.</summary>
public partial class Program;
