using Instances.Abstractions;

namespace Instances.Grains.StateMachine;

/// <summary>What the state machine says of an action in a status.</summary>
public enum Verdict
{
    /// <summary>Start it: move to <see cref="Decision.Transitional"/>, aiming at <see cref="Decision.Target"/>.</summary>
    Start,

    /// <summary>Already there: accept and do nothing.</summary>
    NoOp,

    /// <summary>Another operation is in progress (409).</summary>
    Conflict,

    /// <summary>Not possible from this status (400 InvalidState).</summary>
    InvalidState,
}

/// <summary>A row of the transition table.</summary>
public sealed record Decision(Verdict Verdict, InstanceStatus? Transitional = null, PowerState? Target = null)
{
    public static readonly Decision NoOp = new(Verdict.NoOp);
    public static readonly Decision Conflict = new(Verdict.Conflict);
    public static readonly Decision InvalidState = new(Verdict.InvalidState);

    public static Decision Start(InstanceStatus transitional, PowerState? target = null) => new(Verdict.Start, transitional, target);
}
