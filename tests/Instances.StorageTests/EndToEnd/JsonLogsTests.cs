using System.Text.Json;

namespace Instances.StorageTests.EndToEnd;

/// <summary>
/// Issue 8: with <c>Logging:Format=json</c> the real binary writes one JSON object a line; every line
/// names the node (Orleans' own lines too), and the lines of a request about an instance carry the
/// request id the response returned and the instance's UUID.
/// </summary>
public sealed class JsonLogsTests
{
    [Fact]
    public async Task EveryLineNamesTheNodeAndARequestsLinesCarryItsRequestIdAndInstance()
    {
        var settings = ServerProcess.FastSettings("Memory", "");
        settings["Logging:Format"] = "json";
        settings["Instances:NodeName"] = "log-node";
        settings["Logging:LogLevel:Microsoft.AspNetCore.Routing"] = "Information";
        await using var server = new ServerProcess(settings);
        await server.StartAsync();

        var type = await server.Client.CreateTypeAsync();
        var uuid = await server.Client.CreateInstanceAsync(type, "logged");
        var shown = await server.Client.GetAsync($"/v1/instances/{uuid}");
        Assert.Equal(200, shown.Status);
        var requestId = shown.Headers["x-openstack-request-id"];

        // Routing logs "Executed endpoint" as the request's last line inside our middleware.
        var lines = await Eventually.MatchAsync(
            () => Task.FromResult(JsonLines(server.Output)),
            all => all.Any(l => Scope(l, "OpenStackRequestId") == requestId && l.GetProperty("Message").GetString()!.StartsWith("Executed endpoint", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30));

        Assert.All(lines, l => Assert.Equal("log-node", Scope(l, "Node")));
        Assert.Contains(lines, l => l.GetProperty("Category").GetString()!.StartsWith("Orleans", StringComparison.Ordinal));
        var ofRequest = lines.Where(l => Scope(l, "OpenStackRequestId") == requestId).ToList();
        Assert.True(ofRequest.Count >= 2, string.Join("\n", ofRequest));
        Assert.All(ofRequest, l => Assert.Equal(uuid, Scope(l, "InstanceId")));
    }

    /// <summary>Every line of output, each of which must be a JSON object.</summary>
    private static List<JsonElement> JsonLines(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .ToList();

    /// <summary>The value of a named scope property on the line, if any scope has it.</summary>
    private static string? Scope(JsonElement line, string name) =>
        line.TryGetProperty("Scopes", out var scopes)
            ? scopes.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty(name, out _)).Select(s => s.GetProperty(name).ToString()).FirstOrDefault()
            : null;
}
