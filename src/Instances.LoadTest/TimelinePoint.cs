namespace Instances.LoadTest;

/// <summary>One second of a run: operations accepted in it and their accept latency (ms).</summary>
public sealed record TimelinePoint(int Second, long Count, double P50Ms, double P99Ms, double MaxMs);
