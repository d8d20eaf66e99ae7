namespace Instances.Abstractions;

/// <summary>How a grain judged a command: expected outcomes are values, not exceptions.</summary>
public enum OutcomeKind
{
    /// <summary>Accepted and durable (202/200/201/204).</summary>
    Accepted,

    /// <summary>Nothing to do: already in the asked state (202).</summary>
    NoOp,

    /// <summary>No such resource, or not visible to the caller (404).</summary>
    NotFound,

    /// <summary>Another operation is in progress, or the resource changed meanwhile (409).</summary>
    Conflict,

    /// <summary>The action is not allowed from the current state (400 InvalidState).</summary>
    InvalidState,

    /// <summary>The caller may see but not do this (403).</summary>
    Forbidden,
}

/// <summary>The outcome of a command, with words for the user when it was refused.</summary>
[GenerateSerializer, Immutable, Alias("instances.outcome.v1")]
public sealed record Outcome(
    [property: Id(0)] OutcomeKind Kind,
    [property: Id(1)] string? Detail = null)
{
    public static readonly Outcome Accepted = new(OutcomeKind.Accepted);
    public static readonly Outcome NoOp = new(OutcomeKind.NoOp);

    public bool Succeeded => Kind is OutcomeKind.Accepted or OutcomeKind.NoOp;
}

/// <summary>An outcome that carries the resulting instance when it succeeded.</summary>
[GenerateSerializer, Immutable, Alias("instances.instance-outcome.v1")]
public sealed record InstanceOutcome(
    [property: Id(0)] Outcome Outcome,
    [property: Id(1)] InstanceSnapshot? Instance);
