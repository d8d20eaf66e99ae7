using System.Text;
using CsCheck;

namespace Instances.HttpTests.Fuzzing;

/// <summary>
/// Requests over every route of API.md §1 (implemented or not), with valid, mutated and garbage bodies, ids, query
/// strings, methods and headers. Identities come from a fixed set of fuzz projects plus odd header values; the guard
/// project of <see cref="ApiFuzzTests"/> is never named.
/// </summary>
public static class RequestGen
{
    public const int InstanceSlots = 16;
    public const int TypeSlots = 3;

    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "FUZZ"];

    private static readonly Gen<string> Uuid = Gen.Guid.Select(g => g.ToString("D"));

    /// <summary>Path segments that are not ids: encoded characters, dot segments, very long, unicode.</summary>
    public static readonly Gen<string> Segment = Gen.Frequency(
        (4, Gen.OneOf(
            "detail", "..", ".", "%2e%2e", "%2E", "%2F", "a%2Fb", "%00", "%ZZ", "%", "%ED%A0%80", "%F0%9F%98%80", "%C3%A9",
            "null", "undefined", "0", "-1", "states", "actions", "power", "%20", "+", "~", ";x=1", "a;b", "*", "%2A",
            "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-fffffffffffff", "zzzzzzzz-2222-3333-4444-555555555555",
            new string('a', 300), new string('9', 5000), "%" + string.Concat(Enumerable.Repeat("41%", 2000)) + "41")),
        (1, JsonGen.Text.Select(t => Uri.EscapeDataString(t.Length > 3000 ? t[..3000] : t))));

    /// <summary>An instance id: mostly a live one from the pool, else unknown, other spellings, or not an id at all.</summary>
    public static readonly Gen<string> InstanceId = Gen.Frequency(
        (10, Gen.Int[0, InstanceSlots - 1].Select(i => $"{{I{i}}}")),
        (2, Uuid),
        (1, Gen.Guid.Select(g => g.ToString("N"))),
        (1, Gen.Guid.Select(g => g.ToString("D").ToUpperInvariant())),
        (1, Gen.Guid.Select(g => g.ToString("B"))),
        (1, Gen.Int[0, TypeSlots - 1].Select(i => $"{{T{i}}}")), // a type's id where an instance's goes
        (3, Segment));

    public static readonly Gen<string> TypeId = Gen.Frequency(
        (8, Gen.Int[0, TypeSlots - 1].Select(i => $"{{T{i}}}")),
        (2, Uuid),
        (1, Gen.Int[0, InstanceSlots - 1].Select(i => $"{{I{i}}}")),
        (2, Segment));

    public static readonly Gen<string> Prefix = Gen.Frequency((10, Gen.Const("/v1")), (4, Gen.Const("")), (1, Gen.OneOf("/v2", "/V1", "//v1", "/v1/", "/v1/.", "/x/..")));

    public static readonly Gen<string> Query = Gen.Frequency(
        (3, Gen.Const("")),
        (4, QueryPart.Array[1, 5].Select(parts => "?" + string.Join("&", parts))),
        (1, Gen.OneOf("?", "?&", "?=", "?&&=&", "?limit", "?%zz=1", "?a=%zz", "?fields=%ED%A0%80", "?" + new string('a', 10000) + "=1",
            "?" + string.Join("&", Enumerable.Repeat("status=active", 500)), "?limit=1&limit=2", "?all_tenants&all_tenants=1")));

    private static Gen<string> QueryPart => Gen.Frequency(
        (1, Gen.OneOf("status", "power_state").SelectMany(k => Gen.OneOf("active", "stopped", "building", "error", "power on", "power off", "running", "")
            .Select(v => k + "=" + Uri.EscapeDataString(v)))),
        (1, Gen.OneOf("name", "availability_zone", "project_id").SelectMany(k => Gen.OneOf(JsonGen.Text, Gen.OneOf("fuzz-a", "fuzz-b", "admin", "zone-a")).Select(v => k + "=" + Uri.EscapeDataString(Short(v))))),
        (1, Gen.OneOf("locked", "all_tenants").SelectMany(k => Gen.OneOf("", "true", "1", "yes", "false", "0", "no", "TRUE", "maybe", "2").Select(v => k + "=" + v))),
        (1, Gen.OneOf("limit=1", "limit=2", "limit=1000", "limit=1001", "limit=0", "limit=-1", "limit=1.5", "limit=abc",
            "limit=99999999999999999999999", "limit=", "limit=%2B1", "limit=%E0%A5%A7")),
        (1, Gen.OneOf(InstanceId, Gen.Const("not-a-uuid")).Select(v => "marker=" + v)),
        (1, Gen.OneOf("created_at", "name", "status", "updated_at", "uuid", "size", "", "NAME").Select(v => "sort_key=" + v)),
        (1, Gen.OneOf("asc", "desc", "up", "", "ASC").Select(v => "sort_dir=" + v)),
        (1, Gen.OneOf("uuid", "name", "name,status", "links", "bogus", ",,,", "name,bogus", "network_info,extra,fault", "", "%F0%9F%98%80",
            new string('a', 63) + "%F0%9F%98%80").Select(v => "fields=" + v)),
        (1, Gen.OneOf(InstanceId, Gen.Const("xyz")).Select(v => "instance_type_uuid=" + v)),
        (1, Gen.Select(JsonGen.Text, JsonGen.Text).Select((k, v) => Uri.EscapeDataString(Short(k)) + "=" + Uri.EscapeDataString(Short(v)))));

    /// <summary>Header values: empty, blank, huge, unicode, lists, case games on "admin".</summary>
    public static readonly Gen<string> OddHeader = Gen.Frequency(
        (3, Gen.OneOf("", " ", ",", ",,,", "admin", " ADMIN ", "Admin,", "member", "member, admin", "reader", "admin\t", "admín",
            "проект", "😀", new string('p', 300), new string('p', 20000), "a,b,c,d,e,f,g,h", "\u0000", "x;y", "\"quoted\"")),
        (1, JsonGen.Text.Select(t => new string(t.Where(c => c is not ('\r' or '\n')).ToArray()))));

    public static readonly Gen<KeyValuePair<string, string>[]> Identity = Gen.Frequency(
        (6, Gen.Const(Array.Empty<KeyValuePair<string, string>>())),
        (5, Gen.Const(Ids("fuzz-a", "fuzz-a-user", "member"))),
        (3, Gen.Const(Ids("fuzz-b", "fuzz-b-user", "member"))),
        (2, Gen.Const(Ids("fuzz-a", "fuzz-a-admin", "admin,member"))),
        (1, Gen.Const(Ids("fuzz-b", null, null))),
        (3, Gen.Select(OddHeader, OddHeader, OddHeader, Gen.Int[0, 7]).Select((p, u, r, mask) => Ids(
            (mask & 1) != 0 ? "fuzz-" + p : null, (mask & 2) != 0 ? u : null, (mask & 4) != 0 ? r : null))));

    public static readonly Gen<KeyValuePair<string, string>[]> Negotiation = Gen.Select(
        Gen.Frequency(
            (8, Gen.Const((string?)null)),
            (1, Gen.OneOf<string?>("application/json", "*/*", "application/*", "application/problem+json", "text/html", "application/xml",
                "application/json;q=0", "application/json;q=0.5, text/html", "*/*;q=0", "", "garbage", ";;;", "text/event-stream",
                "application/json; charset=utf-8", "APPLICATION/JSON", "application/json;q=abc", new string('a', 5000)))),
        Gen.Frequency(
            (8, Gen.Const((string?)null)),
            (1, Gen.OneOf<string?>("baremetal-compute 1.0", "baremetal-compute latest", "baremetal-compute 2.0", "baremetal-compute",
                "compute 2.90", "BAREMETAL-COMPUTE 1.0", "baremetal-compute  1.0 ", "baremetal-compute 1.0 extra", "", " ", "baremetal-compute 1.0, compute 2.1",
                "baremetal-compute 😀"))),
        Gen.Frequency(
            (12, Gen.Const((string?)null)),
            (1, Gen.OneOf<string?>("key-1", "", new string('k', 10000), "😀", "key-2"))),
        (accept, version, idempotency) => new[] { ("Accept", accept), ("OpenStack-API-Version", version), ("Idempotency-Key", idempotency) }
            .Where(h => h.Item2 is not null)
            .Select(h => new KeyValuePair<string, string>(h.Item1, h.Item2!))
            .ToArray());

    public static readonly Gen<string?> ContentType = Gen.Frequency(
        (20, Gen.Const<string?>("application/json")),
        (2, Gen.Const<string?>("application/json-patch+json")),
        (1, Gen.Const((string?)null)),
        (3, Gen.OneOf<string?>("application/json; charset=utf-8", "application/json; charset=UTF-8", "application/json; charset=latin1",
            "APPLICATION/JSON", "text/plain", "text/json", "", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
            "application/json;;", "application/json; charset=", "application/problem+json", "*/*", "application/", "garbage",
            "application/json; charset=\"utf-8\"", "application/json; foo=bar", "application/xml")));

    private static readonly Gen<(string, string)> NetworkItem = Gen.Frequency(
        (4, Uuid.Select(u => ("networks", $"[{{\"uuid\":\"{u}\"}}]"))),
        (1, Uuid.Select(u => ("networks", $"[{{\"net_id\":\"{u}\",\"port_type\":\"normal\"}}]"))),
        (1, Uuid.Array[2, 4].Select(us => ("networks", "[" + string.Join(",", us.Select(u => $"{{\"uuid\":\"{u}\"}}")) + "]"))));

    public static readonly Gen<byte[]> CreateInstance = JsonGen.Mutated(
        from name in Gen.Frequency((3, Gen.Int[0, 9999].Select(i => $"fuzz-{i}")), (1, JsonGen.Text))
        from image in Uuid
        from zone in Gen.OneOf("zone-a", "zone-b", "nowhere")
        from network in NetworkItem
        from withExtra in Gen.Bool
        select new[]
        {
            ("name", JsonGen.Quote(name)), ("description", "\"fuzzed\""), ("instance_type_uuid", "\"{T0}\""), ("image_uuid", $"\"{image}\""),
            ("availability_zone", JsonGen.Quote(zone)), network, ("extra", withExtra ? "{\"k\":\"v\",\"a.b:c\":\"\"}" : "{}"),
        });

    public static readonly Gen<byte[]> TypeBody = JsonGen.Mutated(
        from name in JsonGen.Text
        from isPublic in Gen.OneOf("true", "false")
        select new[] { ("name", JsonGen.Quote(name)), ("description", "\"d\""), ("is_public", isPublic), ("extra_specs", "{\"cpu_arch\":\"x86_64\"}") });

    public static readonly Gen<byte[]> PowerBody = JsonGen.Mutated(
        from target in Gen.OneOf("on", "off", "reboot", "soft_off", "soft_reboot", "power on", "power off", "rebooting", "soft power off",
            "soft rebooting", "ON", "sideways", "")
        from timeout in Gen.Frequency((3, Gen.Const((string?)null)), (1, JsonGen.Number.Select(n => (string?)n)))
        select timeout is null ? new[] { ("target", JsonGen.Quote(target)) } : new[] { ("target", JsonGen.Quote(target)), ("timeout", timeout) });

    public static readonly Gen<byte[]> LockBody = JsonGen.Mutated(Gen.OneOf("true", "false").Select(t => new[] { ("target", t) }));

    public static readonly Gen<byte[]> ProvisionBody = JsonGen.Mutated(Uuid.Select(u => new[] { ("target", "\"rebuild\""), ("image_uuid", $"\"{u}\"") }));

    public static readonly Gen<byte[]> BulkPowerBody = JsonGen.Mutated(
        from target in Gen.OneOf("on", "off", "reboot")
        from ids in InstanceId.Array[0, 5]
        from byFilter in Gen.Bool
        select new[]
        {
            ("target", JsonGen.Quote(target)),
            // A member's all_tenants/project_id must be ignored; an admin's project_id keeps a legitimate admin bulk
            // change inside the fuzz projects, away from the guard project (an admin may power every project's instances).
            byFilter ? ("filter", "{\"status\":\"active\",\"all_tenants\":\"1\",\"project_id\":\"fuzz-a\"}") : ("instances", "[" + string.Join(",", ids.Select(JsonGen.Quote)) + "]"),
        });

    public static readonly Gen<byte[]> SpecsBody = JsonGen.Mutated(
        Gen.Select(Gen.OneOf("cpu_arch", "k", "a.b:c", "bad/key", " ", ""), JsonGen.Text).Array[0, 4]
            .Select(kvs => kvs.Select(kv => (kv.Item1, JsonGen.Quote(kv.Item2))).ToArray()));

    /// <summary>A JSON Patch: 1–4 operations over writable, internal and unknown paths, sometimes malformed.</summary>
    public static readonly Gen<byte[]> PatchBody =
        from ops in PatchOperation.Array[0, 4]
        from wrap in Gen.Frequency((10, Gen.Const(0)), (1, Gen.Int[1, 3]))
        from textMutation in Gen.Frequency((15, Gen.Const(false)), (1, Gen.Const(true)))
        from cut in Gen.Int[0, 1000]
        select Encoding.UTF8.GetBytes(WrapPatch(ops, wrap, textMutation, cut));

    private static Gen<string> PatchOperation =>
        from op in Gen.Frequency((4, Gen.OneOf("add", "replace", "remove")), (1, Gen.OneOf("move", "copy", "test", "ADD", "", "delete")))
        from path in Gen.Frequency(
            (5, Gen.OneOf("/name", "/description", "/extra", "/extra/k", "/extra/a.b:c", "/extra/missing")),
            (2, Gen.OneOf("/uuid", "/status", "/power_state", "/project_id", "/network_info/x", "/links/0", "/flavor", "/last_error",
                "/extra/a/b", "/extra/bad*key", "/extra/~1x", "/extra/~0", "/extra/~2", "/extra/", "/", "", "name", "/name/", "//", "/extra/" + new string('k', 300))),
            (1, JsonGen.Text.Select(t => "/extra/" + t)))
        from value in Gen.Frequency(
            (4, JsonGen.Text.Select(JsonGen.Quote)),
            (1, Gen.Const("{\"k\":\"v\"}")),
            (2, JsonGen.Value),
            (1, Gen.Const((string?)null).Select(_ => "")))
        from extra in Gen.Frequency((8, Gen.Const("")), (1, Gen.OneOf(",\"from\":\"/name\"", ",\"why\":1", ",\"op\":\"add\"", ",\"value\":null")))
        select "{\"op\":" + JsonGen.Quote(op) + ",\"path\":" + JsonGen.Quote(path) + (value.Length == 0 ? "" : ",\"value\":" + value) + extra + "}";

    /// <summary>Every route of API.md §1 (implemented or not), with its usual method and body.</summary>
    public static readonly Gen<FuzzRequest> Request =
        from route in Route
        from method in Gen.Frequency((9, Gen.Const((string?)null)), (1, Gen.OneOf(Methods).Select(m => (string?)m)))
        from prefix in Prefix
        from query in Query
        from tail in Gen.Frequency((15, Gen.Const("")), (1, Gen.OneOf("/", "/x", "/..", "/%2e%2e", "/states/../states", "//")))
        from identity in Identity
        from negotiation in Negotiation
        from contentType in ContentType
        select Build(route, method, prefix, query, tail, identity, negotiation, contentType);

    private static Gen<(string Name, string Method, string Path, byte[]? Body)> Route => Gen.Frequency(
        (1, Gen.Const<(string, string, string, byte[]?)>(("root", "GET", "^/", null))),
        (1, Gen.Const<(string, string, string, byte[]?)>(("v1", "GET", "^/v1", null))),
        (3, Gen.Const<(string, string, string, byte[]?)>(("list", "GET", "/instances", null))),
        (3, Gen.Const<(string, string, string, byte[]?)>(("list detail", "GET", "/instances/detail", null))),
        (8, Body(CreateInstance).Select(b => ("create", "POST", "/instances", b))),
        (5, InstanceId.Select(i => ("show", "GET", $"/instances/{i}", (byte[]?)null))),
        (10, Gen.Select(InstanceId, Body(PatchBody)).Select((i, b) => ("patch", "PATCH", $"/instances/{i}", b))),
        (2, InstanceId.Select(i => ("delete", "DELETE", $"/instances/{i}", (byte[]?)null))),
        (3, InstanceId.Select(i => ("states", "GET", $"/instances/{i}/states", (byte[]?)null))),
        (8, Gen.Select(InstanceId, Body(PowerBody)).Select((i, b) => ("power", "PUT", $"/instances/{i}/states/power", b))),
        (2, Gen.Select(InstanceId, Body(LockBody)).Select((i, b) => ("lock", "PUT", $"/instances/{i}/states/lock", b))),
        (2, Gen.Select(InstanceId, Body(ProvisionBody)).Select((i, b) => ("provision", "PUT", $"/instances/{i}/states/provision", b))),
        (1, InstanceId.Select(i => ("actions", "GET", $"/instances/{i}/actions", (byte[]?)null))),
        (2, Body(BulkPowerBody).Select(b => ("bulk power", "POST", "/instances/actions/power", b))),
        (1, InstanceId.Select(i => ("events", "GET", $"/instances/{i}/events", (byte[]?)null))),
        (1, Gen.Const<(string, string, string, byte[]?)>(("all events", "GET", "/events", null))),
        (4, Body(TypeBody).Select(b => ("type create", "POST", "/types", b))),
        (2, Gen.Const<(string, string, string, byte[]?)>(("type list", "GET", "/types", null))),
        (2, TypeId.Select(t => ("type show", "GET", $"/types/{t}", (byte[]?)null))),
        (4, Gen.Select(TypeId, Body(TypeBody)).Select((t, b) => ("type update", "PUT", $"/types/{t}", b))),
        (1, TypeId.Select(t => ("type delete", "DELETE", $"/types/{t}", (byte[]?)null))),
        (2, TypeId.Select(t => ("extra specs", "GET", $"/types/{t}/extraspecs", (byte[]?)null))),
        (5, Gen.Select(TypeId, Body(SpecsBody)).Select((t, b) => ("extra specs merge", "PATCH", $"/types/{t}/extraspecs", b))),
        (2, Gen.Select(TypeId, Gen.OneOf(Gen.OneOf("cpu_arch", "k", "missing"), Segment)).Select((t, k) => ("extra spec delete", "DELETE", $"/types/{t}/extraspecs/{k}", (byte[]?)null))),
        (1, Gen.Const<(string, string, string, byte[]?)>(("zones", "GET", "/availability_zones", null))),
        (1, Gen.OneOf("^/health/live", "^/health/ready").Select(p => ("health", "GET", p, (byte[]?)null))),
        (2, Gen.Select(Segment, Segment).Select((a, b) => ("unknown", "GET", $"/{a}/{b}", (byte[]?)null))),
        (2, Gen.Select(InstanceId, Segment).Select((i, s) => ("unknown under instance", "GET", $"/instances/{i}/{s}", (byte[]?)null))));

    /// <summary>A route's usual body most of the time, garbage otherwise.</summary>
    private static Gen<byte[]?> Body(Gen<byte[]> usual) => Gen.Frequency(
        (12, usual.Select(b => (byte[]?)b)),
        (3, JsonGen.Garbage.Select(g => (byte[]?)Encoding.UTF8.GetBytes(g))),
        (1, Gen.Const((byte[]?)null)),
        (1, Gen.Int[1_048_000, 1_049_000].Select(n => (byte[]?)Encoding.UTF8.GetBytes("{\"name\":\"" + new string('a', n) + "\"}"))));

    private static FuzzRequest Build(
        (string Name, string Method, string Path, byte[]? Body) route, string? method, string prefix, string query, string tail,
        KeyValuePair<string, string>[] identity, KeyValuePair<string, string>[] negotiation, string? contentType)
    {
        var path = route.Path.StartsWith('^') ? route.Path[1..] : prefix + route.Path;
        var body = route.Body;
        return new FuzzRequest(method ?? route.Method, path + tail + query, [.. identity, .. negotiation],
            body is null ? null : contentType, body, route.Name);
    }

    private static string WrapPatch(string[] ops, int wrap, bool textMutation, int cut)
    {
        var json = "[" + string.Join(",", ops) + "]";
        json = wrap switch
        {
            1 => ops.Length > 0 ? ops[0] : "{}",       // an operation without the array
            2 => "{\"patch\":" + json + "}",
            3 => "[" + json + "]",
            _ => json,
        };
        return textMutation && json.Length > 0 ? json[..(cut % json.Length)] : json;
    }

    private static string Short(string value) => value.Length > 500 ? value[..500] : value;

    private static KeyValuePair<string, string>[] Ids(string? project, string? user, string? roles) =>
        new[] { ("X-Project-Id", project), ("X-User-Id", user), ("X-Roles", roles) }
            .Where(h => h.Item2 is not null)
            .Select(h => new KeyValuePair<string, string>(h.Item1, h.Item2!))
            .ToArray();
}
