using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Instances.Testing;

/// <summary>One dispatched Server-Sent Events block: an event (id + data) or a comment line.</summary>
public sealed record SseMessage(string? Id, string? Data, string? Comment)
{
    public JsonElement Json => JsonDocument.Parse(Data ?? "null").RootElement;

    public bool IsEvent => Data is not null;

    public override string ToString() => Comment is not null ? $": {Comment}" : $"id: {Id} data: {Data}";
}

/// <summary>
/// A test client for <c>text/event-stream</c> responses: opens the stream (returning once the headers
/// arrive) and reads messages one at a time with a deadline, per the SSE framing rules.
/// </summary>
public sealed class SseStream : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;
    private readonly List<SseMessage> _seen = [];

    private SseStream(HttpResponseMessage response, Stream body)
    {
        _response = response;
        _reader = new StreamReader(body, Encoding.UTF8);
    }

    public HttpResponseMessage Response => _response;

    /// <summary>Every message read so far, comments included, for failure messages.</summary>
    public IReadOnlyList<SseMessage> Seen => _seen;

    public static async Task<SseStream> OpenAsync(HttpClient http, string path, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        configure?.Invoke(request);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return new SseStream(response, await response.Content.ReadAsStreamAsync());
    }

    /// <summary>The next message (event or comment); throws when none comes within <paramref name="within"/> or the stream ends.</summary>
    public async Task<SseMessage> NextAsync(TimeSpan within)
    {
        using var deadline = new CancellationTokenSource(within);
        string? id = null, comment = null;
        var data = new StringBuilder();
        var hasData = false;
        while (true)
        {
            string? line;
            try
            {
                line = await _reader.ReadLineAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No event within {within}; seen so far:\n{string.Join('\n', _seen)}");
            }

            if (line is null)
            {
                throw new EndOfStreamException($"The stream ended; seen so far:\n{string.Join('\n', _seen)}");
            }

            if (line.Length == 0)
            {
                if (hasData || comment is not null)
                {
                    var message = new SseMessage(id, hasData ? data.ToString() : null, hasData ? null : comment);
                    _seen.Add(message);
                    return message;
                }

                continue; // a block of only retry: or an empty block dispatches nothing
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var (field, value) = colon < 0 ? (line, "") : (line[..colon], line[(colon + 1)..].TrimStart(' '));
            switch (field)
            {
                case "":
                    comment = value;
                    break;
                case "id":
                    id = value;
                    break;
                case "data":
                    data.Append(hasData ? "\n" : "").Append(value);
                    hasData = true;
                    break;
            }
        }
    }

    /// <summary>The next event, skipping comments.</summary>
    public async Task<SseMessage> NextEventAsync(TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var message = await NextAsync(Remaining(deadline));
            if (message.IsEvent)
            {
                return message;
            }
        }
    }

    /// <summary>Events until one satisfies <paramref name="last"/> (included).</summary>
    public async Task<List<SseMessage>> EventsUntilAsync(Func<SseMessage, bool> last, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        var events = new List<SseMessage>();
        while (true)
        {
            var message = await NextEventAsync(Remaining(deadline));
            events.Add(message);
            if (last(message))
            {
                return events;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        await Task.CompletedTask;
    }

    private static TimeSpan Remaining(DateTime deadline)
    {
        var left = deadline - DateTime.UtcNow;
        return left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1);
    }
}
