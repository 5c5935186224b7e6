using System.Net;
using System.Net.Sockets;

namespace BlazorContact.Tests.Support;

/// <summary>Ports for the servers tests start as child processes (Redis, PostgreSQL, nginx, SMTP, the app itself).</summary>
public static class LoopbackPort
{
    /// <summary>A loopback port nothing listens on right now: the OS picks it, and it is released for the child to bind.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
