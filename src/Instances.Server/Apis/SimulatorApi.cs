using Instances.Abstractions;
using Instances.Grains.Driver;
using Instances.Grains.Hosting;
using Instances.Grains.Simulated;
using Instances.Server.Http;
using Instances.Server.Validation;
using Instances.Server.Wire;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Instances.Server.Apis;

/// <summary>
/// <c>/simulator</c>: the operator's view of the simulated driver's fleet, and the knob that flips a
/// node's power out of band — the button on the machine that the power sync must notice (issue 8).
/// Admin only; 404 when the simulated driver is not the one in use (docs/api.md "Simulator").
/// </summary>
public static class SimulatorApi
{
    private const string AdminOnly = "Only an admin may use the simulator's operator endpoints.";

    public static RouteGroupBuilder MapSimulatorApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/simulator").WithTags("Simulator (operators)");
        group.MapGet("/zones/{zone}/nodes", ListAsync).RequireAdmin(AdminOnly);
        group.MapGet("/nodes/{node}", GetAsync).RequireAdmin(AdminOnly);
        group.MapPut("/nodes/{node}/power", SetPowerAsync).WithRequestBody<SimulatedPowerRequest>().RequireAdmin(AdminOnly);
        return group;
    }

    public static async Task<Results<Ok<SimulatedNodeListBody>, ProblemHttpResult>> ListAsync(
        string zone, [FromServices] IGrainFactory grains, [FromServices] IConfiguration configuration, [FromServices] IOptions<InstancesOptions> instances)
    {
        if (!SimulatedInUse(configuration) || !instances.Value.AvailabilityZones.Contains(zone, StringComparer.Ordinal))
        {
            return Problems.NotFound($"No simulated fleet in availability zone '{Rules.Clip(zone)}'.");
        }

        var claims = await grains.GetGrain<IZoneFleetGrain>(zone).ListClaimsAsync();
        var nodes = await Task.WhenAll(claims.Select(async claim => Body(claim.Key, claim.Value, await grains.GetGrain<ISimulatedNodeGrain>(claim.Key).GetAsync())));
        return TypedResults.Ok(new SimulatedNodeListBody(nodes));
    }

    public static async Task<Results<Ok<SimulatedNodeBody>, ProblemHttpResult>> GetAsync(
        string node, [FromServices] IGrainFactory grains, [FromServices] IConfiguration configuration, [FromServices] IOptions<InstancesOptions> instances)
    {
        if (!Known(node, configuration, instances.Value))
        {
            return NodeNotFound(node);
        }

        return TypedResults.Ok(Body(node, await HolderAsync(grains, node), await grains.GetGrain<ISimulatedNodeGrain>(node).GetAsync()));
    }

    public static async Task<Results<Ok<SimulatedNodeBody>, ProblemHttpResult>> SetPowerAsync(
        string node, HttpContext context, [FromServices] IGrainFactory grains, [FromServices] IConfiguration configuration, [FromServices] IOptions<InstancesOptions> instances)
    {
        if (!Known(node, configuration, instances.Value))
        {
            return NodeNotFound(node);
        }

        var body = await JsonBody.ReadAsync<SimulatedPowerRequest>(context.Request, """a JSON object such as {"power_state": "power off"}""");
        if (body.Problem is { } problem)
        {
            return problem;
        }

        if (body.Value!.PowerState is not { } name || !StatusNames.TryParsePowerState(name, out var power))
        {
            return Problems.Field("power_state", $"'power_state' must be '{StatusNames.PowerOn}' or '{StatusNames.PowerOff}'.");
        }

        var report = await grains.GetGrain<ISimulatedNodeGrain>(node).SetPowerOutOfBandAsync(power);
        return TypedResults.Ok(Body(node, await HolderAsync(grains, node), report));
    }

    private static bool SimulatedInUse(IConfiguration configuration) => DriverSettings.ReadKind(configuration).Kind == DriverKind.Simulated;

    private static bool Known(string node, IConfiguration configuration, InstancesOptions instances)
    {
        var fleet = configuration.GetSection(SimulatedDriverOptions.Section).Get<SimulatedDriverOptions>() ?? new SimulatedDriverOptions();
        return SimulatedInUse(configuration) && SimulatedNodes.Exists(node, instances.AvailabilityZones, fleet.NodesPerZone);
    }

    private static async Task<Guid?> HolderAsync(IGrainFactory grains, string node)
    {
        return (await grains.GetGrain<IZoneFleetGrain>(SimulatedNodes.ZoneOf(node)).ListClaimsAsync()).TryGetValue(node, out var instance) ? instance : null;
    }

    private static SimulatedNodeBody Body(string node, Guid? instance, SimulatedNodeReport report) =>
        new(node, instance, report.Power.ToName(), report.DeployedImage, report.Deployments, report.PowerActions);

    private static ProblemHttpResult NodeNotFound(string node) => Problems.NotFound($"Simulated node '{Rules.Clip(node)}' could not be found.");
}
