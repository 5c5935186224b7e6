using System.Net;
using System.Net.Sockets;

namespace BlazorContact.Tests.Notifications;

/// <summary>
/// Accepts TCP connections on 127.0.0.1 and never says a word: an SMTP server that hangs before its
/// greeting. Counts the connections, so a test can see the sender retrying.
/// </summary>
public sealed class SilentTcpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<Socket> _held = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;

    public SilentTcpServer()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptAsync();
    }

    public int Port { get; }

    public int Connections
    {
        get
        {
            lock (_held)
            {
                return _held.Count;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _acceptLoop;
        }
        catch (OperationCanceledException)
        {
        }

        _listener.Stop();

        lock (_held)
        {
            _held.ForEach(s => s.Dispose());
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var socket = await _listener.AcceptSocketAsync(_stop.Token);
            lock (_held)
            {
                _held.Add(socket);
            }
        }
    }
}
