using System.Collections.Frozen;
using Instances.Abstractions;
using static Instances.Abstractions.InstanceStatus;
using static Instances.Grains.StateMachine.InstanceAction;

namespace Instances.Grains.StateMachine;

/// <summary>
/// The transition table of API.md §5 as data, free of Orleans: the grain asks it, never decides
/// itself. Power actions and rebuild are allowed only from the two stable statuses; everything
/// transitional conflicts; <c>error</c> refuses them. Update and lock change no status. Delete is allowed from every status (it supersedes).
/// </summary>
public static class InstanceStateMachine
{
    private static readonly FrozenDictionary<(InstanceStatus, InstanceAction), Decision> PowerRules =
        new Dictionary<(InstanceStatus, InstanceAction), Decision>
        {
            [(Active, PowerOn)] = Decision.NoOp,
            [(Active, PowerOff)] = Decision.Start(PoweringOff, PowerState.Off),
            [(Active, SoftPowerOff)] = Decision.Start(SoftPoweringOff, PowerState.Off),
            [(Active, Reboot)] = Decision.Start(Rebooting, PowerState.On),
            [(Active, SoftReboot)] = Decision.Start(SoftRebooting, PowerState.On),
            [(Stopped, PowerOn)] = Decision.Start(PoweringOn, PowerState.On),
            [(Stopped, PowerOff)] = Decision.NoOp,
            [(Stopped, SoftPowerOff)] = Decision.NoOp,
            [(Stopped, Reboot)] = Decision.InvalidState,
            [(Stopped, SoftReboot)] = Decision.InvalidState,
            [(Active, Rebuild)] = Decision.Start(Rebuilding, PowerState.On),
            [(Stopped, Rebuild)] = Decision.Start(Rebuilding, PowerState.On),
        }.ToFrozenDictionary();

    /// <summary>Statuses in which an operation is running.</summary>
    public static bool IsTransitional(InstanceStatus status) => status is not (Active or Stopped or Error);

    /// <summary>Judges an action against the current status.</summary>
    public static Decision Decide(InstanceStatus status, InstanceAction action) => action switch
    {
        Delete => status == Deleting ? Decision.NoOp : Decision.Start(Deleting),
        Update or InstanceAction.Lock => status == Deleting ? Decision.Conflict : Decision.Start(status),
        _ when status == Error => Decision.InvalidState,
        _ when IsTransitional(status) => Decision.Conflict,
        _ => PowerRules[(status, action)],
    };

    /// <summary>The stable status that matches a reported power state; unknown power means error.</summary>
    public static InstanceStatus StableStatusFor(PowerState? power) => power switch
    {
        PowerState.On => Active,
        PowerState.Off => Stopped,
        _ => Error,
    };
}
