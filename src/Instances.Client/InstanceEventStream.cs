using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Instances.Client.Models;

namespace Instances.Client;

/// <summary>An open <c>text/event-stream</c> response; dispose it to close the connection.</summary>
public sealed class InstanceEventStream(HttpResponseMessage response) : IDisposable
{
    /// <summary>The events as they come (heartbeat comments skipped), until the server ends the stream.</summary>
    public async IAsyncEnumerable<InstanceEvent> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken), Encoding.UTF8);
        string? id = null;
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                // A blank line dispatches the block; comments and retry: carry no data.
                if (data.Length > 0 && JsonSerializer.Deserialize<InstanceEvent>(data.ToString(), ClientJson.Options) is { } change)
                {
                    yield return change with { Id = id ?? "" };
                }

                (id, data) = (null, data.Clear());
            }
            else if (line.StartsWith("id:", StringComparison.Ordinal))
            {
                id = line[3..].TrimStart(' ');
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data.Append(data.Length > 0 ? "\n" : "").Append(line[5..].TrimStart(' '));
            }
        }
    }

    public void Dispose() => response.Dispose();
}
