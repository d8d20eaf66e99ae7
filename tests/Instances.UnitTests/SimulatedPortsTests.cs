using Instances.Abstractions;
using Instances.Grains.Simulated;

namespace Instances.UnitTests;

public sealed class SimulatedPortsTests
{
    [Fact]
    public void PortsAreTheSameWhenMadeAgain()
    {
        var instance = Guid.NewGuid();
        var network = new NetworkRequest(Guid.NewGuid(), "normal");

        Assert.Equal(SimulatedPorts.For(instance, 0, network).PortId, SimulatedPorts.For(instance, 0, network).PortId);
        Assert.NotEqual(SimulatedPorts.For(instance, 0, network).PortId, SimulatedPorts.For(instance, 1, network).PortId);
    }

    [Fact]
    public void PortsHaveAMacAndAFixedIp()
    {
        var port = SimulatedPorts.For(Guid.NewGuid(), 0, new NetworkRequest(Guid.NewGuid(), null));

        Assert.Matches("^([0-9a-f]{2}:){5}[0-9a-f]{2}$", port.MacAddress);
        var ip = Assert.Single(port.FixedIps);
        Assert.True(System.Net.IPAddress.TryParse(ip.IpAddress, out _));
        Assert.Equal('4', port.PortId.ToString()[14]);
    }
}
