using System.Text.Json;

namespace Instances.HttpTests.Infrastructure;

/// <summary>Checks that an error is the contract's problem+json (API.md §2) and says what it should.</summary>
public static class ProblemAssert
{
    /// <summary>Status, content type, request id, error_message, and every mention in <c>detail</c> or <c>errors</c>.</summary>
    public static JsonElement Is(ApiResponse response, int status, params string[] mentions)
    {
        Assert.True(response.Status == status, $"expected {status}, got {response}");
        Assert.Equal("application/problem+json", response.MediaType);
        var problem = response.Json;
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("type").GetString()));
        var detail = problem.GetProperty("detail").GetString()!;
        var requestId = problem.GetProperty("request_id").GetString();
        Assert.StartsWith("req-", requestId);
        Assert.Equal(response.Header("x-openstack-request-id"), requestId);

        using var legacy = JsonDocument.Parse(problem.GetProperty("error_message").GetString()!);
        Assert.Equal(status >= 500 ? "Server" : "Client", legacy.RootElement.GetProperty("faultcode").GetString());
        Assert.Equal(detail, legacy.RootElement.GetProperty("faultstring").GetString());
        Assert.Equal(JsonValueKind.Null, legacy.RootElement.GetProperty("debuginfo").ValueKind);

        var errors = problem.TryGetProperty("errors", out var e) ? e.ToString() : "";
        foreach (var mention in mentions)
        {
            Assert.True(detail.Contains(mention, StringComparison.Ordinal) || errors.Contains(mention, StringComparison.Ordinal),
                $"expected '{mention}' in detail '{detail}' or errors {errors}");
        }

        Assert.DoesNotContain("   at ", response.Text, StringComparison.Ordinal); // no stack trace
        return problem;
    }
}
