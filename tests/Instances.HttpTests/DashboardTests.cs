using System.Net.Http.Headers;
using Instances.HttpTests.Infrastructure;

namespace Instances.HttpTests;

/// <summary>The Orleans dashboard: off by default; when on, admins only in every auth mode.</summary>
public sealed class DashboardTests : IClassFixture<DashboardTests.NoAuthDashboard>, IClassFixture<DashboardTests.JwtDashboard>
{
    private readonly NoAuthDashboard _noAuth;
    private readonly JwtDashboard _jwt;

    public DashboardTests(NoAuthDashboard noAuth, JwtDashboard jwt) => (_noAuth, _jwt) = (noAuth, jwt);

    [Fact]
    public async Task NoAuthAdminsSeeItMembersGet403()
    {
        var admin = await new Api(_noAuth.CreateClient()).SendAsync(HttpMethod.Get, "/dashboard/", configure: r => r.Headers.Add("Accept", "text/html"));
        var member = await new Api(_noAuth.CreateClient(), Identity.Member("p")).SendAsync(HttpMethod.Get, "/dashboard/", configure: r => r.Headers.Add("Accept", "text/html"));

        Assert.Equal(200, admin.Status);
        Assert.Equal("text/html", admin.MediaType);
        ProblemAssert.Is(member, 403, "admin");
    }

    [Theory]
    [InlineData(null, 401)]
    [InlineData("member", 403)]
    [InlineData("admin", 200)]
    public async Task InJwtModeItNeedsAnAdminToken(string? role, int status)
    {
        var response = await new Api(_jwt.CreateClient(), Identity.Default).SendAsync(HttpMethod.Get, "/dashboard/", configure: r =>
        {
            if (role is not null)
            {
                r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", JwtFactory.Token("ops", role));
            }
        });

        Assert.Equal(status, response.Status);
    }

    [Fact]
    public async Task ItIsOffByDefault()
    {
        await using var plain = new ApiFactory();

        Assert.Equal(404, (await new Api(plain.CreateClient()).GetAsync("/dashboard/")).Status);
    }

    public sealed class NoAuthDashboard : ApiFactory
    {
        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["Dashboard:Enabled"] = "true" };
    }

    public sealed class JwtDashboard : ApiFactory
    {
        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(JwtFactory.JwtSettings) { ["Dashboard:Enabled"] = "true" };
    }
}
