namespace Instances.Server.Apis;

/// <summary>Maps every resource twice: under <c>/v1</c> and in the bookmark form without it (API.md §1).</summary>
public static class ApiRoutes
{
    public static WebApplication MapInstancesApis(this WebApplication app)
    {
        app.MapVersionsApi();
        MapResources(app.MapGroup("/v1"));

        // The bookmark copies are the same handlers; one description in Swagger is enough.
        MapResources(app.MapGroup("").ExcludeFromDescription());
        return app;
    }

    private static void MapResources(RouteGroupBuilder root)
    {
        root.MapInstancesApi();
        root.MapInstanceStatesApi();
        root.MapInstanceActionsApi();
        root.MapBulkPowerApi();
        root.MapEventsApi();
        root.MapTypesApi();
        root.MapExtraSpecsApi();
        root.MapAvailabilityZonesApi();
        root.MapSimulatorApi();
    }
}
