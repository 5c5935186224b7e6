using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BlazorContact.Tests.Support;

/// <summary>
/// A real <c>redis-server</c> child process on 127.0.0.1 and a free port, without persistence. It can be stopped
/// (killed, as a crash) and started again on the same port for outage tests; it is killed when disposed.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private Process? _process;

    private RedisServer(int port) => Port = port;

    public int Port { get; }

    /// <summary>The StackExchange.Redis configuration string for <c>Redis:Configuration</c>.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        var server = new RedisServer(LoopbackPort.Free());
        await server.StartAgainAsync();
        return server;
    }


    /// <summary>Starts the server (again) on its port and returns once it answers PING.</summary>
    public async Task StartAgainAsync()
    {
        var start = new ProcessStartInfo("redis-server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start (is it installed?)");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await Eventually.UntilAsync(PingsAsync, $"redis-server to answer PING on port {Port}");
    }

    /// <summary>Kills the server, as a crash would, and waits until it is gone.</summary>
    public async Task StopAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
        }
    }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Wipes every key, as an operator's FLUSHALL (or a Redis that lost its memory) does.</summary>
    public async Task FlushAllAsync() => Assert.StartsWith("+OK", await CommandAsync("FLUSHALL"));

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task<bool> PingsAsync()
    {
        try
        {
            return (await CommandAsync("PING")).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>One inline command and the first line of its answer.</summary>
    private async Task<string> CommandAsync(string command)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"));
        var buffer = new byte[64];
        var read = await stream.ReadAsync(buffer);
        return Encoding.ASCII.GetString(buffer, 0, read);
    }
}
