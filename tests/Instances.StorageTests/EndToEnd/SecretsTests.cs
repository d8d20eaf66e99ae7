using Instances.StorageTests.Databases;

namespace Instances.StorageTests.EndToEnd;

/// <summary>
/// A full run in JWT mode on PostgreSQL with debug logging: neither the database password nor the
/// signing key appears in any log line or response body.
/// </summary>
public sealed class SecretsTests
{
    [SkippableFact]
    public async Task NoLogLineOrResponseCarriesThePasswordOrTheSigningKey()
    {
        var postgres = await PostgresServer.SharedAsync();
        var password = "pw-" + Guid.NewGuid().ToString("N");
        var key = "key-" + Guid.NewGuid().ToString("N");
        var settings = ServerProcess.FastSettings("PostgreSQL", await postgres.CreateDatabaseAsync() + $";Password={password}");
        settings["Logging:LogLevel:Default"] = "Debug";
        settings["Auth:Mode"] = "Jwt";
        settings["Auth:Jwt:Issuer"] = "https://issuer.test";
        settings["Auth:Jwt:Audience"] = "instances";
        settings["Auth:Jwt:SigningKey"] = key;

        var mint = await ServerProcess.RunCommandAsync("mint-token", settings.Concat([new("project", "demo"), new("roles", "admin")]).ToDictionary());
        Assert.True(mint.ExitCode == 0, mint.Output);
        var token = mint.Output.Trim();
        var migrate = await ServerProcess.RunCommandAsync("migrate", settings);

        await using var server = new ServerProcess(settings);
        await server.StartAsync();
        var bodies = new List<string>();
        async Task Call(HttpMethod method, string path, object? body, string? bearer)
        {
            var response = await server.Client.SendAsync(method, path, body, bearer);
            bodies.Add(response.Text);
        }

        await Call(HttpMethod.Post, "/v1/types", new { name = "secret-test" }, token);
        await Call(HttpMethod.Get, "/v1/instances", null, token);
        await Call(HttpMethod.Get, "/v1/instances", null, token + "x");
        await Call(HttpMethod.Get, "/v1/instances", null, null);
        await Call(HttpMethod.Get, $"/v1/instances/{Guid.NewGuid()}", null, token);
        await Call(HttpMethod.Post, "/v1/instances", new { name = 5 }, token);
        await Call(HttpMethod.Get, "/health/ready", null, null);
        await server.StopGracefullyAsync();

        foreach (var secret in new[] { password, key })
        {
            Assert.DoesNotContain(secret, server.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, migrate.Output, StringComparison.Ordinal);
            Assert.All(bodies, body => Assert.DoesNotContain(secret, body, StringComparison.Ordinal));
        }

        Assert.Contains("dbug:", server.Output, StringComparison.Ordinal); // the logging really was verbose
    }
}
