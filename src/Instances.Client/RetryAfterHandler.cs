using Polly;
using Polly.Retry;

namespace Instances.Client;

/// <summary>
/// Repeats a request answered 503 or 429 after the server's <c>Retry-After</c>, as
/// <see cref="RetryRules"/> says; the last answer is returned as it is when the attempts run out.
/// </summary>
public sealed class RetryAfterHandler : DelegatingHandler
{
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly TimeProvider _time;

    public RetryAfterHandler(RetryRules rules, Action<int, TimeSpan>? onRetry = null, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = rules.MaxAttempts,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Result is { } r && RetryRules.IsRetryableStatus(r.StatusCode)),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                    rules.DelayFor(args.Outcome.Result!, _time.GetUtcNow())),
                OnRetry = args =>
                {
                    onRetry?.Invoke((int)args.Outcome.Result!.StatusCode, args.RetryDelay);
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!RetryRules.IsSafeToRepeat(request))
        {
            return await base.SendAsync(request, cancellationToken);
        }

        return await _pipeline.ExecuteAsync(
            async (state, ct) => await state.Handler.SendBaseAsync(state.Request, ct),
            (Handler: this, Request: request),
            cancellationToken);
    }

    private Task<HttpResponseMessage> SendBaseAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);
}
