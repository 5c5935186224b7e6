using System.Net.WebSockets;
using System.Text;
using BlazorContact.Core.Protocol;

namespace BlazorContact.Bench;

/// <summary>One visitor's socket, as lean as a client can be so the bench measures the server.</summary>
internal sealed class BenchClient : IDisposable
{
    // Far above any real reply; a bigger frame means something is wrong, not that the buffer is small.
    private const int MaxFrameBytes = 1024 * 1024;

    private readonly ClientWebSocket _socket;
    private byte[] _buffer;

    private BenchClient(ClientWebSocket socket, int bufferSize)
    {
        _socket = socket;
        _buffer = new byte[bufferSize];
    }

    /// <summary>Connects and waits for a valid <c>connection_established</c>.</summary>
    /// <param name="bufferSize">Initial receive buffer; idle clients keep it small, it grows when needed.</param>
    public static async Task<BenchClient> ConnectAsync(Uri uri, HttpMessageInvoker invoker, TimeSpan timeout, int bufferSize = 16 * 1024)
    {
        var socket = new ClientWebSocket();
        try
        {
            using var cancel = new CancellationTokenSource(timeout);
            await socket.ConnectAsync(uri, invoker, cancel.Token);
            var client = new BenchClient(socket, bufferSize);
            var established = await client.ReceiveAsync(validate: true, cancel.Token);
            if (established.Type != MessageTypes.ConnectionEstablished)
            {
                throw new InvalidDataException($"expected connection_established, got {established.Type}");
            }

            return client;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public ValueTask SendAsync(ReadOnlyMemory<byte> utf8Frame, CancellationToken cancellationToken) =>
        _socket.SendAsync(utf8Frame, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    /// <summary>The next frame; when <paramref name="validate"/> is set it must pass <see cref="ServerMessageValidator"/>.</summary>
    public async ValueTask<BenchFrame> ReceiveAsync(bool validate, CancellationToken cancellationToken)
    {
        var count = 0;
        while (true)
        {
            if (count == _buffer.Length)
            {
                if (count >= MaxFrameBytes)
                {
                    throw new InvalidDataException($"a frame over {MaxFrameBytes} bytes");
                }

                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            var result = await _socket.ReceiveAsync(_buffer.AsMemory(count), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new WebSocketException($"the server closed the connection ({_socket.CloseStatus} {_socket.CloseStatusDescription})");
            }

            count += result.Count;
            if (result.EndOfMessage)
            {
                break;
            }
        }

        if (validate && ServerMessageValidator.Validate(_buffer.AsMemory(0, count)) is { Count: > 0 } problems)
        {
            throw new InvalidDataException($"invalid frame: {string.Join("; ", problems)} in {Encoding.UTF8.GetString(_buffer, 0, count)}");
        }

        return BenchFrame.Parse(_buffer.AsSpan(0, count));
    }

    /// <summary>
    /// Idles: a receive stays pending (as in a browser), so the server's keep-alive pings are answered,
    /// until the server closes, the socket is aborted, or <see cref="CloseOutputAsync"/> is answered.
    /// </summary>
    public async Task HoldAsync()
    {
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(_buffer.AsMemory(), CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Aborted or gone: holding is over either way.
        }
    }

    /// <summary>Closes an idle client: its pending <see cref="HoldAsync"/> receives the server's answering close.</summary>
    public Task CloseOutputAsync(CancellationToken cancellationToken) =>
        _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bench done", cancellationToken);

    /// <summary>Closes a client with no receive pending.</summary>
    public Task CloseAsync(CancellationToken cancellationToken) =>
        _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bench done", cancellationToken);

    public void Abort() => _socket.Abort();

    public void Dispose() => _socket.Dispose();
}
