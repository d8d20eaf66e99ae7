using HdrHistogram;

namespace Instances.LoadTest;

/// <summary>
/// The fate of every accepted operation. <see cref="Lost"/> must be empty for a run to pass;
/// <see cref="Failed"/> finished with an error (the driver failed it), which is not a loss.
/// </summary>
public sealed record Verification(
    long Completed,
    long Failed,
    long Unverifiable,
    IReadOnlyList<LostOperation> Lost,
    LongHistogram CompletionLatency,
    DateTimeOffset? FirstStart,
    DateTimeOffset? LastFinish)
{
    public bool Passed => Lost.Count == 0;

    /// <summary>Completed transitions per second, from the first accept to the last completion (server clock).</summary>
    public double CompletedPerSecond => FirstStart is { } s && LastFinish is { } f && f > s ? Completed / (f - s).TotalSeconds : 0;
}
