using System.Net;
using System.Net.Sockets;

namespace Instances.HttpTests.Infrastructure;

/// <summary>Ports the OS says are free, so factories running in parallel never share a silo port.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
