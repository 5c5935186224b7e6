using System.Buffers;
using System.Net.WebSockets;
using BlazorContact.Core.Conversations;

namespace BlazorContact.Web.Endpoints;

/// <summary>
/// One raw WebSocket visitor: a receive loop that hands frames to <see cref="ContactService"/> and a
/// send loop that is the only writer to the socket. Nothing else: all behaviour lives in the service.
/// </summary>
internal sealed partial class ContactConnection
{
    private const int InitialBufferSize = 4096;

    private readonly WebSocket _socket;
    private readonly ContactService _service;
    private readonly ContactOptions _options;
    private readonly TimeSpan _firstMessageTimeout;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private ITimer? _silenceTimer;
    // Cancels reading once our close frame is out and the peer had CloseTimeout to answer it.
    private CancellationTokenSource? _receiving;
    private WebSocketCloseStatus _closeStatus = WebSocketCloseStatus.NormalClosure;
    private string _closeReason = "";

    public ContactConnection(WebSocket socket, ContactService service, ContactOptions options, TimeSpan firstMessageTimeout, TimeProvider time, ILogger logger)
    {
        _socket = socket;
        _service = service;
        _options = options;
        _firstMessageTimeout = firstMessageTimeout;
        _time = time;
        _logger = logger;
    }

    public async Task RunAsync(VisitorEndpoint endpoint, CancellationToken shuttingDown, CancellationToken aborted)
    {
        var outbound = new OutboundQueue(_options.OutboundQueueLimit);
        // Open before Connect, so everything logged on this connection's behalf carries its ids.
        var scope = new ConnectionLogScope();
        using var logScope = _logger.BeginScope(scope);
        var session = _service.Connect(endpoint, outbound);
        scope.Session = session;
        outbound.Overflowed += () =>
        {
            // It stopped reading: waiting would hold memory for it, dropping frames would lose data.
            Log.SlowConsumer(_logger, session.ClientId, _options.OutboundQueueLimit);
            _socket.Abort();
        };

        using var onShutdown = shuttingDown.Register(() => RequestClose(outbound, WebSocketCloseStatus.EndpointUnavailable, "server restarting"));
        using var receiving = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        _receiving = receiving;
        var sendLoop = SendLoopAsync(outbound, aborted);
        // A connection that never speaks only holds a socket. Closed politely (1008); if the peer does not answer
        // the close either, the send loop cancels the receive after CloseTimeout, which aborts the socket.
        if (_firstMessageTimeout > TimeSpan.Zero)
        {
            _silenceTimer = _time.CreateTimer(
                _ =>
                {
                    Log.Silent(_logger, session.ClientId, _firstMessageTimeout);
                    RequestClose(outbound, WebSocketCloseStatus.PolicyViolation, "no message received in time");
                },
                null, _firstMessageTimeout, Timeout.InfiniteTimeSpan);
        }

        try
        {
            await ReceiveLoopAsync(session, receiving.Token, aborted);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            // The peer vanished or the socket was aborted (slow consumer, dead peer): nothing to answer.
        }
        finally
        {
            StopSilenceTimer();
            _service.Disconnect(session);
            await sendLoop;
            await AwaitCloseAsync();
        }
    }

    /// <param name="reading">Cancels the reads only: a frame already read is handled under <paramref name="aborted"/>.</param>
    private async Task ReceiveLoopAsync(VisitorSession session, CancellationToken reading, CancellationToken aborted)
    {
        var maxBytes = _options.MaxFrameBytes;
        while (true)
        {
            // A zero-byte read waits for the next frame without holding a buffer: idle sockets cost no memory.
            var probe = await _socket.ReceiveAsync(Memory<byte>.Empty, reading);
            if (probe.MessageType == WebSocketMessageType.Close)
            {
                RequestClose(session.Outbound, WebSocketCloseStatus.NormalClosure, "");
                return;
            }

            // The peer spoke (a frame has begun): from now on pings keep an idle connection alive.
            StopSilenceTimer();
            var buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
            try
            {
                var count = 0;
                var result = probe;
                while (!result.EndOfMessage)
                {
                    if (count == buffer.Length)
                    {
                        if (count >= maxBytes)
                        {
                            Log.FrameTooLarge(_logger, session.ClientId, maxBytes);
                            RequestClose(session.Outbound, WebSocketCloseStatus.MessageTooBig, $"message exceeds {maxBytes} bytes");
                            return;
                        }

                        var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, maxBytes));
                        buffer.AsSpan(0, count).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }

                    result = await _socket.ReceiveAsync(buffer.AsMemory(count, Math.Min(buffer.Length, maxBytes) - count), reading);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        RequestClose(session.Outbound, WebSocketCloseStatus.NormalClosure, "");
                        return;
                    }

                    count += result.Count;
                }

                if (probe.MessageType == WebSocketMessageType.Binary)
                {
                    _service.Reject(session, new Core.Protocol.ProtocolError(
                        Core.Protocol.ErrorCodes.InvalidJson, Detail: "Binary frames are not accepted; send JSON as a text frame."));
                    continue;
                }

                await _service.HandleFrameAsync(session, buffer.AsMemory(0, count), aborted);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private async Task SendLoopAsync(OutboundQueue outbound, CancellationToken aborted)
    {
        try
        {
            await foreach (var frame in outbound.Reader.ReadAllAsync(aborted))
            {
                await _socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, aborted);
            }

            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(aborted);
                timeout.CancelAfter(_options.CloseTimeout);
                await _socket.CloseOutputAsync(_closeStatus, _closeReason, timeout.Token);
                // A peer that never answers (a frozen tab, a client that stopped reading) would otherwise keep the
                // receive loop, and a server shutdown, waiting until the host's own timeout.
                _receiving?.CancelAfter(_options.CloseTimeout);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            _socket.Abort();
        }
    }

    /// <summary>After our close frame, give the peer <see cref="ContactOptions.CloseTimeout"/> to answer, then drop it.</summary>
    private async Task AwaitCloseAsync()
    {
        if (_socket.State != WebSocketState.CloseSent)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(_options.CloseTimeout);
        var scratch = ArrayPool<byte>.Shared.Rent(1024);
        try
        {
            while (_socket.State == WebSocketState.CloseSent)
            {
                await _socket.ReceiveAsync(scratch.AsMemory(), timeout.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            _socket.Abort();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    private void StopSilenceTimer()
    {
        _silenceTimer?.Dispose();
        _silenceTimer = null;
    }

    private void RequestClose(OutboundQueue outbound, WebSocketCloseStatus status, string reason)
    {
        _closeStatus = status;
        _closeReason = reason;
        outbound.Complete();
    }
}
