using System.Net;
using System.Net.Sockets;

namespace BlazorContact.Tests.Support;

/// <summary>
/// A TCP proxy between the app and a server that can go silent the way a half-dead network path does:
/// <see cref="StallExisting"/> stops forwarding the server's bytes to the app on every connection open now,
/// while keeping both sockets open and still forwarding the app's bytes. Connections made later work normally.
/// </summary>
public sealed class StallingTcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<TcpClient> _sockets = [];
    private readonly Task _accepting;
    private int _generation;
    private int _stalledBelow;

    public StallingTcpProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port}";

    /// <summary>Connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref _generation);

    /// <summary>The server's bytes stop reaching the app on every connection open now; nothing is closed.</summary>
    public void StallExisting() => Volatile.Write(ref _stalledBelow, Volatile.Read(ref _generation) + 1);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        lock (_sockets)
        {
            foreach (var socket in _sockets)
            {
                socket.Dispose();
            }
        }

        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }

        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient app;
            try
            {
                app = await _listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var generation = Interlocked.Increment(ref _generation);
            var server = new TcpClient();
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, _targetPort, _stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException)
            {
                app.Dispose();
                server.Dispose();
                continue;
            }

            lock (_sockets)
            {
                _sockets.Add(app);
                _sockets.Add(server);
            }

            _ = PumpAsync(app.GetStream(), server.GetStream(), stallable: null);
            _ = PumpAsync(server.GetStream(), app.GetStream(), stallable: generation);
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, int? stallable)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReadAsync(buffer, _stopping.Token);
                if (read == 0)
                {
                    to.Socket.Shutdown(SocketShutdown.Send);
                    return;
                }

                if (stallable is { } generation && generation < Volatile.Read(ref _stalledBelow))
                {
                    // Silent, not closed: hold the bytes and the sockets until the proxy is disposed.
                    await Task.Delay(Timeout.Infinite, _stopping.Token);
                }

                await to.WriteAsync(buffer.AsMemory(0, read), _stopping.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // The proxy stops, or a side closed.
        }
    }
}
