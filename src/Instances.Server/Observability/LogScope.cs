namespace Instances.Server.Observability;

/// <summary>
/// Named values for a log scope. A plain dictionary would do for the values, but the JSON console
/// writes each scope's <c>ToString()</c> too: this one reads <c>Node:a, InstanceId:b</c>, not a type name.
/// </summary>
public sealed class LogScope : Dictionary<string, object>
{
    public override string ToString() => string.Join(", ", this.Select(kv => $"{kv.Key}:{kv.Value}"));
}
