using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Instances.Grains.Ironic;

/// <summary>The Polly retry strategy of <see cref="IronicClient"/>: exponential backoff with jitter on what <see cref="IronicRetry"/> allows.</summary>
internal static partial class IronicRetryPipeline
{
    public static readonly ResiliencePropertyKey<HttpMethod> MethodKey = new("ironic.method");

    /// <summary>Backoff stops growing here, so a long NodeLocked still gets looked at regularly.</summary>
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(10);

    public static ResiliencePipeline<HttpResponseMessage> Build(IronicDriverOptions options, TimeProvider time, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryDelay,
                MaxDelay = MaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = ShouldHandleAsync,
                OnRetry = args =>
                {
                    LogRetry(logger, args.AttemptNumber + 1, (int?)args.Outcome.Result?.StatusCode, args.Outcome.Exception?.Message, args.RetryDelay);
                    return default;
                },
            });
        }

        return builder.Build();
    }

    private static async ValueTask<bool> ShouldHandleAsync(RetryPredicateArguments<HttpResponseMessage> args)
    {
        if (args.Outcome.Exception is HttpRequestException failure)
        {
            return IronicRetry.ShouldRetry(args.Context.Properties.GetValue(MethodKey, HttpMethod.Get), failure);
        }

        if (args.Outcome.Result is not { IsSuccessStatusCode: false } response)
        {
            return false;
        }

        var body = await response.Content.ReadAsStringAsync(args.Context.CancellationToken);
        return IronicRetry.ShouldRetry(response.StatusCode, IronicErrors.FaultString(body));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ironic request retried (attempt {Attempt}) after HTTP {Status} {Error}; waiting {Delay}")]
    private static partial void LogRetry(ILogger logger, int attempt, int? status, string? error, TimeSpan delay);
}
