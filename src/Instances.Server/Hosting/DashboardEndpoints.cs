using Instances.Server.Http;
using Orleans.Dashboard;

namespace Instances.Server.Hosting;

/// <summary>
/// The Orleans dashboard at <c>/dashboard</c>, only when <c>Dashboard:Enabled</c> is true, and for
/// admins only in every auth mode: it shows every grain and silo of every tenant. In JWT mode an
/// anonymous request is challenged (401) like any other; a non-admin caller gets 403.
/// </summary>
public static class DashboardEndpoints
{
    public const string Path = "/dashboard";

    public static bool Enabled(IConfiguration configuration) => configuration.GetValue("Dashboard:Enabled", false);

    public static ISiloBuilder AddInstancesDashboard(this ISiloBuilder silo, IConfiguration configuration) =>
        Enabled(configuration) ? silo.AddDashboard() : silo;

    public static WebApplication MapInstancesDashboard(this WebApplication app)
    {
        if (!Enabled(app.Configuration))
        {
            return app;
        }

        // The dashboard's own endpoints take no endpoint filters; this guard runs in front of them.
        app.UseAdminOnlyPath(Path, "Only an admin may open the Orleans dashboard.");
        app.MapOrleansDashboard(Path);
        return app;
    }
}
