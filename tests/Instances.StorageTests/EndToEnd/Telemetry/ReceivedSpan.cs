namespace Instances.StorageTests.EndToEnd.Telemetry;

/// <summary>
/// One span as an OTLP exporter sent it: ids in lower-case hex (<see cref="ParentSpanId"/> empty for a
/// root), kind as OTLP numbers it (1 internal, 2 server, 3 client), the instrumentation scope that made
/// it and the <c>service.instance.id</c> of the process that exported it (our node name).
/// </summary>
public sealed record ReceivedSpan(string TraceId, string SpanId, string ParentSpanId, string Name, int Kind, string Scope, string Node)
{
    public const int Internal = 1;
    public const int Server = 2;
    public const int Client = 3;

    public override string ToString() => $"{Node} {Scope} '{Name}' kind {Kind} {TraceId}/{SpanId} <- {ParentSpanId}";
}
