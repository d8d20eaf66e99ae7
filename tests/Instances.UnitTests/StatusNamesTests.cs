using Instances.Abstractions;

namespace Instances.UnitTests;

public sealed class StatusNamesTests
{
    [Theory]
    [InlineData("on", PowerAction.On)]
    [InlineData("off", PowerAction.Off)]
    [InlineData("soft_off", PowerAction.SoftOff)]
    [InlineData("reboot", PowerAction.Reboot)]
    [InlineData("soft_reboot", PowerAction.SoftReboot)]
    [InlineData("power on", PowerAction.On)]
    [InlineData("power off", PowerAction.Off)]
    [InlineData("soft power off", PowerAction.SoftOff)]
    [InlineData("rebooting", PowerAction.Reboot)]
    [InlineData("soft rebooting", PowerAction.SoftReboot)]
    public void EveryPowerTargetSpellingParses(string target, PowerAction expected)
    {
        Assert.True(StatusNames.TryParsePowerTarget(target, out var action));
        Assert.Equal(expected, action);
    }

    [Theory]
    [InlineData("ON")]
    [InlineData("")]
    [InlineData("power_on")]
    [InlineData(" on")]
    public void UnknownPowerTargetsDoNotParse(string target)
    {
        Assert.False(StatusNames.TryParsePowerTarget(target, out _));
    }

    [Fact]
    public void EveryStatusRoundTripsThroughItsWireName()
    {
        foreach (var status in Enum.GetValues<InstanceStatus>())
        {
            Assert.True(StatusNames.TryParseStatus(status.ToName(), out var parsed));
            Assert.Equal(status, parsed);
        }
    }

    [Fact]
    public void TransitionalStatusesUseHyphenatedWireNames()
    {
        Assert.Equal("soft-powering-off", InstanceStatus.SoftPoweringOff.ToName());
        Assert.Equal("powering-on", InstanceStatus.PoweringOn.ToName());
    }

    [Theory]
    [InlineData("power on", PowerState.On)]
    [InlineData("power off", PowerState.Off)]
    public void PowerStatesParse(string name, PowerState expected)
    {
        Assert.True(StatusNames.TryParsePowerState(name, out var state));
        Assert.Equal(expected, state);
        Assert.Equal(name, state.ToName());
    }

    [Fact]
    public void UnknownPowerStateDoesNotParse()
    {
        Assert.False(StatusNames.TryParsePowerState("on", out _));
    }
}
