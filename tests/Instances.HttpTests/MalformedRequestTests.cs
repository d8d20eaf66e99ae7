using Instances.HttpTests.Infrastructure;

namespace Instances.HttpTests;

/// <summary>
/// Every row is a client mistake: each must be the exact 4xx as problem+json naming what was wrong, never a 5xx.
/// <c>{t}</c> and <c>{i}</c> stand for an existing type and instance (bodies are checked after existence).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class MalformedRequestTests(ApiFactory factory)
{
    private const string Json = "application/json";
    private const string Image = "\"image_uuid\": \"11111111-2222-3333-4444-555555555555\"";
    private const string Net = "\"networks\": [{\"uuid\": \"aaaaaaaa-2222-3333-4444-555555555555\"}]";
    private const string TypeRef = "\"instance_type_uuid\": \"{t}\"";
    private const string U = "aaaaaaaa-2222-3333-4444-555555555555";
    private static readonly string Long = new('x', 256);
    private static readonly string Big = "{\"name\": \"" + new string('a', 1_100_000) + "\"}";

    private static string Create(string fields) => "{" + fields + "}";

    private static string Valid(string except, string add = "")
    {
        var parts = new Dictionary<string, string>
        {
            ["name"] = "\"name\": \"n\"", ["type"] = TypeRef, ["image"] = Image, ["networks"] = Net,
        };
        parts.Remove(except);
        return Create(string.Join(", ", parts.Values.Append(add).Where(p => p.Length > 0)));
    }

    public static TheoryData<string, string, string?, string?, string?, int, string> Rows => new()
    {
        // create: syntax and shape
        { "POST", "/v1/instances", "{\"name\":", Json, null, 400, "JSON" },
        { "POST", "/v1/instances", "[]", Json, null, 400, "body" },
        { "POST", "/v1/instances", "", Json, null, 400, "body" },
        { "POST", "/v1/instances", "{} trailing", Json, null, 400, "JSON" },
        { "POST", "/v1/instances", Valid("x", "\"flavor\": \"big\""), Json, null, 400, "flavor" },
        { "POST", "/v1/instances", Valid("x", "\"name\": \"again\""), Json, null, 400, "name" },
        // create: name and description
        { "POST", "/v1/instances", Valid("name"), Json, null, 400, "name" },
        { "POST", "/v1/instances", Valid("name", "\"name\": \"\""), Json, null, 400, "name" },
        { "POST", "/v1/instances", Valid("name", $"\"name\": \"{Long}\""), Json, null, 400, "name" },
        { "POST", "/v1/instances", Valid("name", "\"name\": 5"), Json, null, 400, "name" },
        { "POST", "/v1/instances", Valid("name", "\"name\": null"), Json, null, 400, "name" },
        { "POST", "/v1/instances", Valid("x", $"\"description\": \"{Long}\""), Json, null, 400, "description" },
        { "POST", "/v1/instances", Valid("x", "\"description\": 5"), Json, null, 400, "description" },
        // create: references
        { "POST", "/v1/instances", Valid("type"), Json, null, 400, "instance_type_uuid" },
        { "POST", "/v1/instances", Valid("type", "\"instance_type_uuid\": \"not-a-uuid\""), Json, null, 400, "instance_type_uuid" },
        { "POST", "/v1/instances", Valid("type", $"\"instance_type_uuid\": \"{U}\""), Json, null, 400, "InstanceType" },
        { "POST", "/v1/instances", Valid("image"), Json, null, 400, "image_uuid" },
        { "POST", "/v1/instances", Valid("image", "\"image_uuid\": \"123\""), Json, null, 400, "image_uuid" },
        { "POST", "/v1/instances", Valid("image", "\"image_uuid\": 123"), Json, null, 400, "image_uuid" },
        { "POST", "/v1/instances", Valid("x", "\"availability_zone\": \"nowhere\""), Json, null, 400, "availability_zone" },
        { "POST", "/v1/instances", Valid("x", "\"availability_zone\": 1"), Json, null, 400, "availability_zone" },
        // create: networks
        { "POST", "/v1/instances", Valid("networks"), Json, null, 400, "networks" },
        { "POST", "/v1/instances", Valid("networks", "\"networks\": []"), Json, null, 400, "networks" },
        { "POST", "/v1/instances", Valid("networks", "\"networks\": {}"), Json, null, 400, "networks" },
        { "POST", "/v1/instances", Valid("networks", "\"networks\": [{}]"), Json, null, 400, "networks[0].uuid" },
        { "POST", "/v1/instances", Valid("networks", "\"networks\": [{\"uuid\": \"bad\"}]"), Json, null, 400, "networks[0].uuid" },
        { "POST", "/v1/instances", Valid("networks", $"\"networks\": [{{\"uuid\": \"{U}\", \"port_type\": \"\"}}]"), Json, null, 400, "networks[0].port_type" },
        { "POST", "/v1/instances", Valid("networks", $"\"networks\": [{{\"uuid\": \"{U}\", \"port_type\": \"{Long}\"}}]"), Json, null, 400, "networks[0].port_type" },
        { "POST", "/v1/instances", Valid("networks", $"\"networks\": [{{\"uuid\": \"{U}\", \"vlan\": 1}}]"), Json, null, 400, "networks[0].vlan" },
        { "POST", "/v1/instances", Valid("networks", "\"networks\": [null]"), Json, null, 400, "networks[0]" },
        { "POST", "/v1/instances", Valid("networks", $"\"networks\": [{{\"uuid\": \"{U}\", \"net_id\": \"{U}\"}}]"), Json, null, 400, "net_id" },
        // create: extra
        { "POST", "/v1/instances", Valid("x", "\"extra\": {\"bad/key\": \"v\"}"), Json, null, 400, "extra.bad/key" },
        { "POST", "/v1/instances", Valid("x", "\"extra\": {\"k\": 1}"), Json, null, 400, "extra.k" },
        { "POST", "/v1/instances", Valid("x", $"\"extra\": {{\"k\": \"{Long}\"}}"), Json, null, 400, "extra.k" },
        { "POST", "/v1/instances", Valid("x", "\"extra\": {\"k\": null}"), Json, null, 400, "extra.k" },
        { "POST", "/v1/instances", Valid("x", "\"extra\": \"str\""), Json, null, 400, "extra" },
        // create: transport
        { "POST", "/v1/instances", Valid("x"), "text/plain", null, 415, "Content-Type" },
        { "POST", "/v1/instances", Valid("x"), null, null, 415, "Content-Type" },
        { "POST", "/v1/instances", Valid("x"), "application/json; charset=latin1", null, 415, "Content-Type" },
        { "POST", "/v1/instances", "{big}", Json, null, 413, "bytes" },
        { "POST", "/v1/instances", Valid("x"), Json, "Accept: text/html", 406, "Accept" },
        { "GET", "/v1/instances", null, null, "Accept: application/xml", 406, "Accept" },
        { "GET", "/v1/instances/{i}", null, null, "Accept: application/json;q=0", 406, "Accept" },
        { "GET", "/v1/instances", null, null, "OpenStack-API-Version: baremetal-compute 2.0", 406, "OpenStack-API-Version" },
        { "GET", "/v1", null, null, "OpenStack-API-Version: baremetal-compute", 406, "OpenStack-API-Version" },
        // list and show query strings
        { "GET", "/v1/instances?limit=0", null, null, null, 400, "limit" },
        { "GET", "/v1/instances?limit=-1", null, null, null, 400, "limit" },
        { "GET", "/v1/instances?limit=abc", null, null, null, 400, "limit" },
        { "GET", "/v1/instances/detail?limit=1.5", null, null, null, 400, "limit" },
        { "GET", "/v1/instances?marker=not-a-uuid", null, null, null, 400, "marker" },
        { "GET", $"/v1/instances?marker={U}", null, null, null, 400, "marker" },
        { "GET", "/v1/instances?sort_key=size", null, null, null, 400, "sort_key" },
        { "GET", "/v1/instances?sort_dir=up", null, null, null, 400, "sort_dir" },
        { "GET", "/v1/instances?status=running", null, null, null, 400, "status" },
        { "GET", "/v1/instances?power_state=on", null, null, null, 400, "power_state" },
        { "GET", "/v1/instances?fields=name,bogus", null, null, null, 400, "bogus" },
        { "GET", "/v1/instances?locked=maybe", null, null, null, 400, "locked" },
        { "GET", "/v1/instances?instance_type_uuid=xyz", null, null, null, 400, "instance_type_uuid" },
        { "GET", "/v1/instances?status=active&status=stopped", null, null, null, 400, "status" },
        { "GET", "/v1/instances?all_tenants=perhaps", null, null, null, 400, "all_tenants" },
        { "GET", "/v1/instances/{i}?fields=nope", null, null, null, 400, "nope" },
        // PATCH
        { "PATCH", "/v1/instances/{i}", "[{\"op\": \"move\", \"from\": \"/name\", \"path\": \"/description\"}]", Json, null, 400, "op" },
        { "PATCH", "/v1/instances/{i}", "[{\"op\": \"test\", \"path\": \"/name\", \"value\": \"n\"}]", Json, null, 400, "op" },
        { "PATCH", "/v1/instances/{i}", "[{\"path\": \"/name\", \"value\": \"n\"}]", Json, null, 400, "op" },
        { "PATCH", "/v1/instances/{i}", "[{\"op\": \"replace\", \"value\": \"n\"}]", Json, null, 400, "path" },
        { "PATCH", "/v1/instances/{i}", "[{\"op\": \"replace\", \"path\": \"name\", \"value\": \"n\"}]", Json, null, 400, "path" },
        { "PATCH", "/v1/instances/{i}", "[{\"op\": \"replace\", \"path\": \"/uuid\", \"value\": \"n\"}]", Json, null, 400, "/uuid is an internal attribute" },
        { "PATCH", "/v1/instances/{i}", "[{\"op\": \"replace\", \"path\": \"/power_state\", \"value\": \"power off\"}]", Json, null, 400, "/power_state is an internal attribute" },
        { "PATCH", "/v1/instances/{i}", "[{\"op\": \"add\", \"path\": \"/network_info/x\", \"value\": \"n\"}]", Json, null, 400, "/network_info/x is an internal attribute" },
        { "PATCH", "/v1/instances/{i}", "[{\"op\": \"add\", \"path\": \"/flavor\", \"value\": \"n\"}]", Json, null, 400, "/flavor is not a known attribute" },
        { "PATCH", "/v1/instances/{i}", "[{\"op\": \"remove\", \"path\": \"/name\"}]", Json, null, 400, "/name" },
        { "PATCH", "/v1/instances/{i}", "[{\"op\": \"replace\", \"path\": \"/name\", \"value\": \"\"}]", Json, null, 400, "/name" },
        { "PATCH", "/v1/instances/{i}", "[{\"op\": \"replace\", \"path\": \"/name\", \"value\": 5}]", Json, null, 400, "/name" },
        { "PATCH", "/v1/instances/{i}", $"[{{\"op\": \"replace\", \"path\": \"/description\", \"value\": \"{Long}\"}}]", Json, null, 400, "/description" },
        { "PATCH", "/v1/instances/{i}", "[{\"op\": \"add\", \"path\": \"/extra/a/b\", \"value\": \"n\"}]", Json, null, 400, "/extra/a/b is not a known attribute" },
        { "PATCH", "/v1/instances/{i}", "[{\"op\": \"add\", \"path\": \"/extra/k\", \"value\": 5}]", Json, null, 400, "/extra/k" },
        { "PATCH", "/v1/instances/{i}", "[{\"op\": \"add\", \"path\": \"/extra/bad*key\", \"value\": \"v\"}]", Json, null, 400, "/extra/bad*key" },
        { "PATCH", "/v1/instances/{i}", "[{\"op\": \"replace\", \"path\": \"/extra\", \"value\": \"x\"}]", Json, null, 400, "/extra" },
        { "PATCH", "/v1/instances/{i}", "[{\"op\": \"remove\", \"path\": \"/extra/missing\"}]", Json, null, 400, "/extra/missing" },
        { "PATCH", "/v1/instances/{i}", "[{\"op\": \"add\", \"path\": \"/name\"}]", Json, null, 400, "value" },
        { "PATCH", "/v1/instances/{i}", "[{\"op\": \"add\", \"path\": \"/name\", \"value\": \"n\", \"why\": 1}]", Json, null, 400, "[0].why" },
        { "PATCH", "/v1/instances/{i}", "{\"name\": \"n\"}", Json, null, 400, "body" },
        { "PATCH", "/v1/instances/{i}", "[]", Json, null, 400, "body" },
        { "PATCH", "/v1/instances/{i}", "[{\"op\": \"add\", \"path\": \"/name\", \"value\": \"n\"}]", "text/plain", null, 415, "application/json-patch+json" },
        // power
        { "PUT", "/v1/instances/{i}/states/power", "{\"target\": \"sideways\"}", Json, null, 400, "target" },
        { "PUT", "/v1/instances/{i}/states/power", "{\"target\": \"sideways\"}", Json, null, 400, "soft_reboot" },
        { "PUT", "/v1/instances/{i}/states/power", "{}", Json, null, 400, "target" },
        { "PUT", "/v1/instances/{i}/states/power", "{\"target\": 1}", Json, null, 400, "target" },
        { "PUT", "/v1/instances/{i}/states/power", "{\"target\": null}", Json, null, 400, "target" },
        { "PUT", "/v1/instances/{i}/states/power", "{\"target\": \"on\", \"timeout\": 0}", Json, null, 400, "timeout" },
        { "PUT", "/v1/instances/{i}/states/power", "{\"target\": \"on\", \"timeout\": 3601}", Json, null, 400, "timeout" },
        { "PUT", "/v1/instances/{i}/states/power", "{\"target\": \"on\", \"timeout\": \"10\"}", Json, null, 400, "timeout" },
        { "PUT", "/v1/instances/{i}/states/power", "{\"target\": \"on\", \"timeout\": 1.5}", Json, null, 400, "timeout" },
        { "PUT", "/v1/instances/{i}/states/power", "{\"target\": \"on\", \"force\": true}", Json, null, 400, "force" },
        { "PUT", "/v1/instances/{i}/states/power", "", Json, null, 400, "body" },
        { "PUT", "/v1/instances/{i}/states/power", "{\"target\": \"on\"}", "text/plain", null, 415, "Content-Type" },
        // types
        { "POST", "/v1/types", "{}", Json, null, 400, "name" },
        { "POST", "/v1/types", $"{{\"name\": \"{Long}\"}}", Json, null, 400, "name" },
        { "POST", "/v1/types", "{\"name\": \"t\", \"is_public\": \"yes\"}", Json, null, 400, "is_public" },
        { "POST", "/v1/types", "{\"name\": \"t\", \"extra_specs\": {\"k\": 1}}", Json, null, 400, "extra_specs.k" },
        { "POST", "/v1/types", "{\"name\": \"t\", \"ram\": 64}", Json, null, 400, "ram" },
        { "POST", "/v1/types", "{\"name\": ", Json, null, 400, "JSON" },
        { "PUT", "/v1/types/{t}", "{\"extra_specs\": {}}", Json, null, 400, "extra_specs" },
        { "PUT", "/v1/types/{t}", "{\"name\": \"\"}", Json, null, 400, "name" },
        { "PUT", "/v1/types/{t}", "{\"is_public\": 1}", Json, null, 400, "is_public" },
        { "PATCH", "/v1/types/{t}/extraspecs", "[1, 2]", Json, null, 400, "body" },
        { "PATCH", "/v1/types/{t}/extraspecs", "{\"k\": 5}", Json, null, 400, "k" },
        { "PATCH", "/v1/types/{t}/extraspecs", "{\"bad/key\": \"v\"}", Json, null, 400, "bad/key" },
        { "PATCH", "/v1/types/{t}/extraspecs", "{\"k\": \"v\"}", "application/xml", null, 415, "Content-Type" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task AMalformedRequestIsAClientErrorThatNamesTheField(
        string method, string path, string? body, string? contentType, string? header, int status, string mentions)
    {
        var (type, instance) = await factory.SharedAsync();
        var api = new Api(factory.CreateClient());
        string Fill(string s) => s.Replace("{t}", type, StringComparison.Ordinal).Replace("{i}", instance, StringComparison.Ordinal);

        var response = await api.SendAsync(new HttpMethod(method), Fill(path), body is "{big}" ? Big : body is null ? null : Fill(body), contentType,
            r => AddHeader(r, header));

        ProblemAssert.Is(response, status, mentions);
        Assert.Equal("shared", (await api.GetAsync($"/v1/instances/{instance}")).Json.GetProperty("name").GetString());
    }

    private static void AddHeader(HttpRequestMessage request, string? header)
    {
        if (header?.Split(": ", 2) is [var name, var value])
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        else if (header is not null)
        {
            request.Headers.TryAddWithoutValidation(header.TrimEnd(':'), "");
        }
    }
}
