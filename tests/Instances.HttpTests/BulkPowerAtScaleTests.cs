using Instances.HttpTests.Infrastructure;

namespace Instances.HttpTests;

/// <summary>
/// API.md §8 "Bulk power" over 300 instances of two projects on slow hardware, so transitional statuses hold
/// still: every refusal is compared with the single call made afterwards (a refusal changes nothing).
/// </summary>
[Collection(SlowHardwareCollection.Name)]
public sealed class BulkPowerAtScaleTests(SlowHardwareFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    private static async Task<List<string>> CreateManyAsync(Api api, string type, int count)
    {
        using var gate = new SemaphoreSlim(8);
        var created = await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
        {
            await gate.WaitAsync();
            try
            {
                return (await api.CreateInstanceAsync(type)).GetProperty("uuid").GetString()!;
            }
            finally
            {
                gate.Release();
            }
        }));
        await Eventually.UntilAsync(
            () => api.GetAsync("/v1/instances?status=active"),
            r => r.Status == 200 && r.Json.GetProperty("instances").GetArrayLength() == count,
            TimeSpan.FromMinutes(2),
            $"{count} instances to be active");
        return [.. created];
    }

    [Fact]
    public async Task ThreeHundredInstancesEachGetWhatTheSingleCallGives()
    {
        var type = await _api.CreateTypeAsync();
        var a = _api.As(Identity.Member($"a-{Guid.NewGuid():N}"));
        var b = _api.As(Identity.Member($"b-{Guid.NewGuid():N}"));
        var mine = await CreateManyAsync(a, type, 200);
        var theirs = await CreateManyAsync(b, type, 100);
        var busy = mine.Take(40).ToList();
        foreach (var uuid in busy)
        {
            Assert.Equal(202, (await a.PutAsync($"/v1/instances/{uuid}/states/power", new { target = "off" })).Status);
        }

        var unknown = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid().ToString()).ToList();
        var all = mine.Concat(theirs).Concat(unknown).OrderBy(_ => Random.Shared.Next()).ToList();

        var response = await a.PostAsync("/v1/instances/actions/power", new { target = "off", instances = all });

        Assert.Equal(200, response.Status);
        var results = response.Json.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(all, results.Select(r => r.GetProperty("uuid").GetString()));
        foreach (var result in results)
        {
            var uuid = result.GetProperty("uuid").GetString()!;
            var status = result.GetProperty("status").GetInt32();
            var expected = busy.Contains(uuid) ? 409 : mine.Contains(uuid) ? 202 : 404;
            Assert.True(expected == status, $"{uuid}: expected {expected}, got {result}");
            if (status == 202)
            {
                Assert.Equal("powering-off", (await a.GetAsync($"/v1/instances/{uuid}/states")).Json.GetProperty("status").GetString());
                continue;
            }

            var single = await a.PutAsync($"/v1/instances/{uuid}/states/power", new { target = "off" });
            Assert.Equal(status, single.Status);
            Assert.Equal(single.Json.GetProperty("detail").GetString(), result.GetProperty("detail").GetString());
        }

        var another = results.First(r => theirs.Contains(r.GetProperty("uuid").GetString()!));
        var missing = results.First(r => unknown.Contains(r.GetProperty("uuid").GetString()!));
        Assert.Equal($"Instance {another.GetProperty("uuid").GetString()} could not be found.", another.GetProperty("detail").GetString());
        Assert.Equal($"Instance {missing.GetProperty("uuid").GetString()} could not be found.", missing.GetProperty("detail").GetString());
        Assert.Equal("active", (await b.GetAsync($"/v1/instances/{theirs[0]}")).Json.GetProperty("status").GetString());
    }
}
