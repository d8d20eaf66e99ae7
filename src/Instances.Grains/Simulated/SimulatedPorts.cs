using System.Security.Cryptography;
using System.Text;
using Instances.Abstractions;

namespace Instances.Grains.Simulated;

/// <summary>
/// Ports derived from (instance, index, network) alone, so creating them again after a crash gives
/// the same port ids, MAC and IP addresses: the simulated port service is idempotent for free.
/// </summary>
public static class SimulatedPorts
{
    public static NetworkPort For(Guid instanceId, int index, NetworkRequest network)
    {
        var seed = SHA256.HashData(Encoding.UTF8.GetBytes($"{instanceId:N}/{index}/{network.NetworkId:N}"));
        var mac = $"fa:16:3e:{seed[16]:x2}:{seed[17]:x2}:{seed[18]:x2}";
        var ip = $"10.{seed[19]}.{seed[20]}.{2 + (seed[21] % 252)}";
        var subnet = Derive(SHA256.HashData(network.NetworkId.ToByteArray()));
        return new NetworkPort(Derive(seed), network.NetworkId, network.PortType, mac, [new FixedIp(ip, subnet)]);
    }

    // A version-4-shaped UUID from hash bytes.
    private static Guid Derive(byte[] hash)
    {
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
