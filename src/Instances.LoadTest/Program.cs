using Instances.Client;
using Instances.LoadTest;

try
{
    return await Commands.Build().Parse(args).InvokeAsync();
}
catch (Exception e) when (e is InstancesApiException or HttpRequestException or TimeoutException)
{
    // The server refused, is unreachable, or never settled: one line, not a stack trace.
    await Console.Error.WriteLineAsync($"error: {e.Message}");
    return 1;
}
