using Instances.Abstractions;
using Instances.Grains.StateMachine;

namespace Instances.UnitTests;

/// <summary>Every status × every action of API.md §5, written out as the contract states it.</summary>
public sealed class InstanceStateMachineTests
{
    [Theory]
    [InlineData(InstanceStatus.Building, InstanceAction.PowerOn, Verdict.Conflict, null, null)]
    [InlineData(InstanceStatus.Building, InstanceAction.PowerOff, Verdict.Conflict, null, null)]
    [InlineData(InstanceStatus.Building, InstanceAction.SoftPowerOff, Verdict.Conflict, null, null)]
    [InlineData(InstanceStatus.Building, InstanceAction.Reboot, Verdict.Conflict, null, null)]
    [InlineData(InstanceStatus.Building, InstanceAction.SoftReboot, Verdict.Conflict, null, null)]
    [InlineData(InstanceStatus.Building, InstanceAction.Update, Verdict.Start, InstanceStatus.Building, null)]
    [InlineData(InstanceStatus.Building, InstanceAction.Delete, Verdict.Start, InstanceStatus.Deleting, null)]
    [InlineData(InstanceStatus.Active, InstanceAction.PowerOn, Verdict.NoOp, null, null)]
    [InlineData(InstanceStatus.Active, InstanceAction.PowerOff, Verdict.Start, InstanceStatus.PoweringOff, PowerState.Off)]
    [InlineData(InstanceStatus.Active, InstanceAction.SoftPowerOff, Verdict.Start, InstanceStatus.SoftPoweringOff, PowerState.Off)]
    [InlineData(InstanceStatus.Active, InstanceAction.Reboot, Verdict.Start, InstanceStatus.Rebooting, PowerState.On)]
    [InlineData(InstanceStatus.Active, InstanceAction.SoftReboot, Verdict.Start, InstanceStatus.SoftRebooting, PowerState.On)]
    [InlineData(InstanceStatus.Active, InstanceAction.Update, Verdict.Start, InstanceStatus.Active, null)]
    [InlineData(InstanceStatus.Active, InstanceAction.Delete, Verdict.Start, InstanceStatus.Deleting, null)]
    [InlineData(InstanceStatus.Stopped, InstanceAction.PowerOn, Verdict.Start, InstanceStatus.PoweringOn, PowerState.On)]
    [InlineData(InstanceStatus.Stopped, InstanceAction.PowerOff, Verdict.NoOp, null, null)]
    [InlineData(InstanceStatus.Stopped, InstanceAction.SoftPowerOff, Verdict.NoOp, null, null)]
    [InlineData(InstanceStatus.Stopped, InstanceAction.Reboot, Verdict.InvalidState, null, null)]
    [InlineData(InstanceStatus.Stopped, InstanceAction.SoftReboot, Verdict.InvalidState, null, null)]
    [InlineData(InstanceStatus.Stopped, InstanceAction.Update, Verdict.Start, InstanceStatus.Stopped, null)]
    [InlineData(InstanceStatus.Stopped, InstanceAction.Delete, Verdict.Start, InstanceStatus.Deleting, null)]
    [InlineData(InstanceStatus.PoweringOn, InstanceAction.PowerOn, Verdict.Conflict, null, null)]
    [InlineData(InstanceStatus.PoweringOn, InstanceAction.PowerOff, Verdict.Conflict, null, null)]
    [InlineData(InstanceStatus.PoweringOn, InstanceAction.SoftPowerOff, Verdict.Conflict, null, null)]
    [InlineData(InstanceStatus.PoweringOn, InstanceAction.Reboot, Verdict.Conflict, null, null)]
    [InlineData(InstanceStatus.PoweringOn, InstanceAction.SoftReboot, Verdict.Conflict, null, null)]
    [InlineData(InstanceStatus.PoweringOn, InstanceAction.Update, Verdict.Start, InstanceStatus.PoweringOn, null)]
    [InlineData(InstanceStatus.PoweringOn, InstanceAction.Delete, Verdict.Start, InstanceStatus.Deleting, null)]
    [InlineData(InstanceStatus.PoweringOff, InstanceAction.PowerOn, Verdict.Conflict, null, null)]
    [InlineData(InstanceStatus.PoweringOff, InstanceAction.PowerOff, Verdict.Conflict, null, null)]
    [InlineData(InstanceStatus.PoweringOff, InstanceAction.SoftPowerOff, Verdict.Conflict, null, null)]
    [InlineData(InstanceStatus.PoweringOff, InstanceAction.Reboot, Verdict.Conflict, null, null)]
    [InlineData(InstanceStatus.PoweringOff, InstanceAction.SoftReboot, Verdict.Conflict, null, null)]
    [InlineData(InstanceStatus.PoweringOff, InstanceAction.Update, Verdict.Start, InstanceStatus.PoweringOff, null)]
    [InlineData(InstanceStatus.PoweringOff, InstanceAction.Delete, Verdict.Start, InstanceStatus.Deleting, null)]
    [InlineData(InstanceStatus.SoftPoweringOff, InstanceAction.PowerOn, Verdict.Conflict, null, null)]
    [InlineData(InstanceStatus.SoftPoweringOff, InstanceAction.PowerOff, Verdict.Conflict, null, null)]
    [InlineData(InstanceStatus.SoftPoweringOff, InstanceAction.SoftPowerOff, Verdict.Conflict, null, null)]
    [InlineData(InstanceStatus.SoftPoweringOff, InstanceAction.Reboot, Verdict.Conflict, null, null)]
    [InlineData(InstanceStatus.SoftPoweringOff, InstanceAction.SoftReboot, Verdict.Conflict, null, null)]
    [InlineData(InstanceStatus.SoftPoweringOff, InstanceAction.Update, Verdict.Start, InstanceStatus.SoftPoweringOff, null)]
    [InlineData(InstanceStatus.SoftPoweringOff, InstanceAction.Delete, Verdict.Start, InstanceStatus.Deleting, null)]
    [InlineData(InstanceStatus.Rebooting, InstanceAction.PowerOn, Verdict.Conflict, null, null)]
    [InlineData(InstanceStatus.Rebooting, InstanceAction.PowerOff, Verdict.Conflict, null, null)]
    [InlineData(InstanceStatus.Rebooting, InstanceAction.SoftPowerOff, Verdict.Conflict, null, null)]
    [InlineData(InstanceStatus.Rebooting, InstanceAction.Reboot, Verdict.Conflict, null, null)]
    [InlineData(InstanceStatus.Rebooting, InstanceAction.SoftReboot, Verdict.Conflict, null, null)]
    [InlineData(InstanceStatus.Rebooting, InstanceAction.Update, Verdict.Start, InstanceStatus.Rebooting, null)]
    [InlineData(InstanceStatus.Rebooting, InstanceAction.Delete, Verdict.Start, InstanceStatus.Deleting, null)]
    [InlineData(InstanceStatus.SoftRebooting, InstanceAction.PowerOn, Verdict.Conflict, null, null)]
    [InlineData(InstanceStatus.SoftRebooting, InstanceAction.PowerOff, Verdict.Conflict, null, null)]
    [InlineData(InstanceStatus.SoftRebooting, InstanceAction.SoftPowerOff, Verdict.Conflict, null, null)]
    [InlineData(InstanceStatus.SoftRebooting, InstanceAction.Reboot, Verdict.Conflict, null, null)]
    [InlineData(InstanceStatus.SoftRebooting, InstanceAction.SoftReboot, Verdict.Conflict, null, null)]
    [InlineData(InstanceStatus.SoftRebooting, InstanceAction.Update, Verdict.Start, InstanceStatus.SoftRebooting, null)]
    [InlineData(InstanceStatus.SoftRebooting, InstanceAction.Delete, Verdict.Start, InstanceStatus.Deleting, null)]
    [InlineData(InstanceStatus.Rebuilding, InstanceAction.PowerOn, Verdict.Conflict, null, null)]
    [InlineData(InstanceStatus.Rebuilding, InstanceAction.PowerOff, Verdict.Conflict, null, null)]
    [InlineData(InstanceStatus.Rebuilding, InstanceAction.SoftPowerOff, Verdict.Conflict, null, null)]
    [InlineData(InstanceStatus.Rebuilding, InstanceAction.Reboot, Verdict.Conflict, null, null)]
    [InlineData(InstanceStatus.Rebuilding, InstanceAction.SoftReboot, Verdict.Conflict, null, null)]
    [InlineData(InstanceStatus.Rebuilding, InstanceAction.Update, Verdict.Start, InstanceStatus.Rebuilding, null)]
    [InlineData(InstanceStatus.Rebuilding, InstanceAction.Delete, Verdict.Start, InstanceStatus.Deleting, null)]
    [InlineData(InstanceStatus.Deleting, InstanceAction.PowerOn, Verdict.Conflict, null, null)]
    [InlineData(InstanceStatus.Deleting, InstanceAction.PowerOff, Verdict.Conflict, null, null)]
    [InlineData(InstanceStatus.Deleting, InstanceAction.SoftPowerOff, Verdict.Conflict, null, null)]
    [InlineData(InstanceStatus.Deleting, InstanceAction.Reboot, Verdict.Conflict, null, null)]
    [InlineData(InstanceStatus.Deleting, InstanceAction.SoftReboot, Verdict.Conflict, null, null)]
    [InlineData(InstanceStatus.Deleting, InstanceAction.Update, Verdict.Conflict, null, null)]
    [InlineData(InstanceStatus.Deleting, InstanceAction.Delete, Verdict.NoOp, null, null)]
    [InlineData(InstanceStatus.Error, InstanceAction.PowerOn, Verdict.InvalidState, null, null)]
    [InlineData(InstanceStatus.Error, InstanceAction.PowerOff, Verdict.InvalidState, null, null)]
    [InlineData(InstanceStatus.Error, InstanceAction.SoftPowerOff, Verdict.InvalidState, null, null)]
    [InlineData(InstanceStatus.Error, InstanceAction.Reboot, Verdict.InvalidState, null, null)]
    [InlineData(InstanceStatus.Error, InstanceAction.SoftReboot, Verdict.InvalidState, null, null)]
    [InlineData(InstanceStatus.Error, InstanceAction.Update, Verdict.Start, InstanceStatus.Error, null)]
    [InlineData(InstanceStatus.Error, InstanceAction.Delete, Verdict.Start, InstanceStatus.Deleting, null)]
    [InlineData(InstanceStatus.Building, InstanceAction.Lock, Verdict.Start, InstanceStatus.Building, null)]
    [InlineData(InstanceStatus.Building, InstanceAction.Rebuild, Verdict.Conflict, null, null)]
    [InlineData(InstanceStatus.Active, InstanceAction.Lock, Verdict.Start, InstanceStatus.Active, null)]
    [InlineData(InstanceStatus.Active, InstanceAction.Rebuild, Verdict.Start, InstanceStatus.Rebuilding, PowerState.On)]
    [InlineData(InstanceStatus.Stopped, InstanceAction.Lock, Verdict.Start, InstanceStatus.Stopped, null)]
    [InlineData(InstanceStatus.Stopped, InstanceAction.Rebuild, Verdict.Start, InstanceStatus.Rebuilding, PowerState.On)]
    [InlineData(InstanceStatus.PoweringOn, InstanceAction.Lock, Verdict.Start, InstanceStatus.PoweringOn, null)]
    [InlineData(InstanceStatus.PoweringOn, InstanceAction.Rebuild, Verdict.Conflict, null, null)]
    [InlineData(InstanceStatus.PoweringOff, InstanceAction.Lock, Verdict.Start, InstanceStatus.PoweringOff, null)]
    [InlineData(InstanceStatus.PoweringOff, InstanceAction.Rebuild, Verdict.Conflict, null, null)]
    [InlineData(InstanceStatus.SoftPoweringOff, InstanceAction.Lock, Verdict.Start, InstanceStatus.SoftPoweringOff, null)]
    [InlineData(InstanceStatus.SoftPoweringOff, InstanceAction.Rebuild, Verdict.Conflict, null, null)]
    [InlineData(InstanceStatus.Rebooting, InstanceAction.Lock, Verdict.Start, InstanceStatus.Rebooting, null)]
    [InlineData(InstanceStatus.Rebooting, InstanceAction.Rebuild, Verdict.Conflict, null, null)]
    [InlineData(InstanceStatus.SoftRebooting, InstanceAction.Lock, Verdict.Start, InstanceStatus.SoftRebooting, null)]
    [InlineData(InstanceStatus.SoftRebooting, InstanceAction.Rebuild, Verdict.Conflict, null, null)]
    [InlineData(InstanceStatus.Rebuilding, InstanceAction.Lock, Verdict.Start, InstanceStatus.Rebuilding, null)]
    [InlineData(InstanceStatus.Rebuilding, InstanceAction.Rebuild, Verdict.Conflict, null, null)]
    [InlineData(InstanceStatus.Deleting, InstanceAction.Lock, Verdict.Conflict, null, null)]
    [InlineData(InstanceStatus.Deleting, InstanceAction.Rebuild, Verdict.Conflict, null, null)]
    [InlineData(InstanceStatus.Error, InstanceAction.Lock, Verdict.Start, InstanceStatus.Error, null)]
    [InlineData(InstanceStatus.Error, InstanceAction.Rebuild, Verdict.InvalidState, null, null)]
    public void EveryStatusAndActionHasTheContractedVerdict(
        InstanceStatus status, InstanceAction action, Verdict verdict, InstanceStatus? transitional, PowerState? target)
    {
        var decision = InstanceStateMachine.Decide(status, action);

        Assert.Equal(verdict, decision.Verdict);
        Assert.Equal(transitional, decision.Transitional);
        Assert.Equal(target, decision.Target);
    }

    [Theory]
    [InlineData(PowerState.On, InstanceStatus.Active)]
    [InlineData(PowerState.Off, InstanceStatus.Stopped)]
    [InlineData(null, InstanceStatus.Error)]
    public void StableStatusMatchesTheReportedPower(PowerState? power, InstanceStatus expected)
    {
        Assert.Equal(expected, InstanceStateMachine.StableStatusFor(power));
    }

    [Fact]
    public void OnlyActiveStoppedAndErrorAreStable()
    {
        var stable = Enum.GetValues<InstanceStatus>().Where(s => !InstanceStateMachine.IsTransitional(s));

        Assert.Equal([InstanceStatus.Active, InstanceStatus.Stopped, InstanceStatus.Error], stable);
    }
}
