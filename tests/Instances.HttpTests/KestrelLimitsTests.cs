using System.Net.Http.Headers;
using System.Text;
using Instances.HttpTests.Infrastructure;

namespace Instances.HttpTests;

/// <summary>Request limits over a real socket, where Kestrel (not only our reader) enforces them.</summary>
[Collection(KestrelCollection.Name)]
public sealed class KestrelLimitsTests(KestrelFactory factory)
{
    private static readonly byte[] Oversize = Encoding.UTF8.GetBytes("{\"name\": \"" + new string('a', 1_100_000) + "\"}");

    private sealed class ChunkedContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false; // no Content-Length: the body is sent chunked
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ABodyOverOneMebibyteIs413WithOrWithoutContentLength(bool chunked)
    {
        using var client = factory.CreateSocketClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/types")
        {
            Content = chunked ? new ChunkedContent(Oversize) : new ByteArrayContent(Oversize),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        // As curl does for large bodies: without it the client may still be uploading when the
        // server's early 413 closes the connection, and sees a reset instead of the answer
        // (seen once here, under the full suite's load).
        request.Headers.ExpectContinue = true;

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        ProblemAssert.Is(new ApiResponse((int)response.StatusCode, response.Headers, response.Content.Headers, text), 413, "bytes");
    }

    [Fact]
    public async Task HeadersOverThirtyTwoKibibytesAre431AndTheServerStaysUp()
    {
        using var client = factory.CreateSocketClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/instances");
        request.Headers.Add("X-Padding", new string('p', 33 * 1024));

        using var response = await client.SendAsync(request);
        using var after = await factory.CreateSocketClient().GetAsync("/health/live");

        Assert.Equal(431, (int)response.StatusCode);
        Assert.Equal(200, (int)after.StatusCode);
    }

    [Fact]
    public async Task MoreThanSixtyFourHeadersAre431()
    {
        using var client = factory.CreateSocketClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/instances");
        for (var i = 0; i < 70; i++)
        {
            request.Headers.Add($"X-Extra-{i}", "x");
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(431, (int)response.StatusCode);
    }

    /// <summary>
    /// Paths the in-process fuzzer cannot send (TestServer refuses a path that decodes to NUL): over a socket they are a
    /// client error, never a 5xx. Kestrel rejects them before the application runs, so the answer has no problem body.
    /// </summary>
    [Theory]
    [InlineData("/v1/instances/%00")]
    [InlineData("/v1/instances/a%00b/states/power")]
    [InlineData("/v1/types/%00/extraspecs/k")]
    public async Task APathWithAnEncodedNulIsAClientError(string path)
    {
        using var client = factory.CreateSocketClient();

        using var response = await client.GetAsync(new Uri(client.BaseAddress!, path));

        Assert.InRange((int)response.StatusCode, 400, 499);
    }
}
