using Instances.HttpTests.Infrastructure;

namespace Instances.HttpTests;

/// <summary>The noauth identity rules of API.md §3 and docs/api.md.</summary>
[Collection(ApiCollection.Name)]
public sealed class IdentityTests(ApiFactory factory)
{
    private static readonly object SmallType = new { name = "identity-probe" };

    [Fact]
    public async Task ARequestWithNoIdentityHeadersIsAdmin()
    {
        var response = await new Api(factory.CreateClient()).PostAsync("/v1/types", SmallType);

        Assert.Equal(201, response.Status);
    }

    [Fact]
    public async Task NamingOnlyAProjectDoesNotMakeAnAdmin()
    {
        var api = new Api(factory.CreateClient(), new Identity("project-only", null, null));

        var response = await api.PostAsync("/v1/types", SmallType);

        Assert.Equal(403, response.Status);
    }

    [Fact]
    public async Task TheAdminRoleIsRecognisedAmongOthersAndInAnyCase()
    {
        var api = new Api(factory.CreateClient(), new Identity("ops", "alice", "member, Admin"));

        var response = await api.PostAsync("/v1/types", SmallType);

        Assert.Equal(201, response.Status);
    }
}
