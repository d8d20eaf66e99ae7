using System.Text.Json;
using Instances.HttpTests.Infrastructure;

namespace Instances.HttpTests;

[Collection(ApiCollection.Name)]
public sealed class TypesTests(ApiFactory factory)
{
    private readonly Api _admin = new(factory.CreateClient());

    private Api Member => _admin.As(Identity.Member("types-member"));

    [Fact]
    public async Task AnAdminCreatesATypeWith201AndLocationEqualToSelf()
    {
        var response = await _admin.PostAsync("/v1/types", new { name = "gold", description = "big", extra_specs = new { cpu = "64" } });

        Assert.Equal(201, response.Status);
        var type = response.Json;
        var uuid = type.GetProperty("uuid").GetString();
        Assert.Equal($"http://localhost/v1/types/{uuid}", response.Header("Location"));
        Assert.Equal(response.Header("Location"), type.GetProperty("links")[0].GetProperty("href").GetString());
        Assert.Equal($"http://localhost/types/{uuid}", type.GetProperty("links")[1].GetProperty("href").GetString());
        Assert.True(type.GetProperty("is_public").GetBoolean());
        Assert.Equal("64", type.GetProperty("extra_specs").GetProperty("cpu").GetString());
        Assert.Equal(JsonValueKind.Null, type.GetProperty("updated_at").ValueKind);
        Assert.Equal(JsonValueKind.String, type.GetProperty("created_at").ValueKind);
    }

    [Fact]
    public async Task TheListShowsPublicTypesToMembersAndAllTypesToAdmins()
    {
        var visible = await _admin.CreateTypeAsync();
        var hidden = await _admin.CreateTypeAsync(isPublic: false);

        var asMember = await Member.GetAsync("/v1/types");
        var asAdmin = await _admin.GetAsync("/types");

        var memberUuids = asMember.Json.GetProperty("types").EnumerateArray().Select(t => t.GetProperty("uuid").GetString()).ToList();
        var adminUuids = asAdmin.Json.GetProperty("types").EnumerateArray().Select(t => t.GetProperty("uuid").GetString()).ToList();
        Assert.Contains(visible, memberUuids);
        Assert.DoesNotContain(hidden, memberUuids);
        Assert.Contains(hidden, adminUuids);
    }

    [Fact]
    public async Task ANonPublicTypeIsNotFoundForAMember()
    {
        var hidden = await _admin.CreateTypeAsync(isPublic: false);

        ProblemAssert.Is(await Member.GetAsync($"/v1/types/{hidden}"), 404, hidden);
        ProblemAssert.Is(await Member.GetAsync($"/v1/types/{hidden}/extraspecs"), 404, hidden);
        Assert.Equal(200, (await _admin.GetAsync($"/v1/types/{hidden}")).Status);
    }

    [Fact]
    public async Task PutChangesNameDescriptionAndVisibility()
    {
        var uuid = await _admin.CreateTypeAsync();

        var response = await _admin.PutAsync($"/v1/types/{uuid}", new { name = "renamed", description = (string?)null, is_public = false });

        Assert.Equal(200, response.Status);
        Assert.Equal("renamed", response.Json.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, response.Json.GetProperty("description").ValueKind);
        Assert.False(response.Json.GetProperty("is_public").GetBoolean());
        Assert.Equal(JsonValueKind.String, response.Json.GetProperty("updated_at").ValueKind);
    }

    [Fact]
    public async Task PutOfAnUnknownTypeIs404()
    {
        var missing = Guid.NewGuid().ToString();

        ProblemAssert.Is(await _admin.PutAsync($"/v1/types/{missing}", new { name = "x" }), 404, missing);
    }

    [Fact]
    public async Task DeleteIs204AndThenTheTypeIsGone()
    {
        var uuid = await _admin.CreateTypeAsync();

        var response = await _admin.DeleteAsync($"/v1/types/{uuid}");

        Assert.Equal(204, response.Status);
        ProblemAssert.Is(await _admin.GetAsync($"/v1/types/{uuid}"), 404, uuid);
        Assert.DoesNotContain(uuid, (await _admin.GetAsync("/v1/types")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeletingATypeInUseIsConflict()
    {
        var uuid = await _admin.CreateTypeAsync();
        await _admin.CreateInstanceAsync(uuid);

        ProblemAssert.Is(await _admin.DeleteAsync($"/v1/types/{uuid}"), 409, uuid);
        Assert.Equal(200, (await _admin.GetAsync($"/v1/types/{uuid}")).Status);
    }

    [Fact]
    public async Task ExtraSpecsAreReadMergedAndDeletedByKey()
    {
        var uuid = await _admin.CreateTypeAsync();

        var read = await _admin.GetAsync($"/v1/types/{uuid}/extraspecs");
        var merged = await _admin.PatchAsync($"/v1/types/{uuid}/extraspecs", new { cpu_arch = "arm64", disk = "2TB" });
        var deleted = await _admin.DeleteAsync($"/types/{uuid}/extraspecs/disk");
        var unknown = await _admin.DeleteAsync($"/v1/types/{uuid}/extraspecs/disk");

        Assert.Equal("""{"extra_specs":{"cpu_arch":"x86_64"}}""", read.Text);
        Assert.Equal(200, merged.Status);
        Assert.Equal("""{"extra_specs":{"cpu_arch":"arm64","disk":"2TB"}}""", merged.Text);
        Assert.Equal(204, deleted.Status);
        ProblemAssert.Is(unknown, 404, "disk");
        Assert.Equal("""{"extra_specs":{"cpu_arch":"arm64"}}""", (await _admin.GetAsync($"/v1/types/{uuid}/extraspecs")).Text);
    }

    [Fact]
    public async Task EveryTypeWriteIsForbiddenToAMember()
    {
        var uuid = await _admin.CreateTypeAsync();

        ProblemAssert.Is(await Member.PostAsync("/v1/types", new { name = "x" }), 403, "admin");
        ProblemAssert.Is(await Member.PutAsync($"/v1/types/{uuid}", new { name = "x" }), 403, "admin");
        ProblemAssert.Is(await Member.DeleteAsync($"/v1/types/{uuid}"), 403, "admin");
        ProblemAssert.Is(await Member.PatchAsync($"/v1/types/{uuid}/extraspecs", new { a = "b" }), 403, "admin");
        ProblemAssert.Is(await Member.DeleteAsync($"/v1/types/{uuid}/extraspecs/cpu_arch"), 403, "admin");
        Assert.Equal(200, (await Member.GetAsync($"/v1/types/{uuid}")).Status);
        Assert.Equal("""{"extra_specs":{"cpu_arch":"x86_64"}}""", (await Member.GetAsync($"/v1/types/{uuid}/extraspecs")).Text);
    }
}
