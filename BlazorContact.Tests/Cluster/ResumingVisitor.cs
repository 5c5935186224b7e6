using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using BlazorContact.Core.Protocol;

namespace BlazorContact.Tests.Cluster;

/// <summary>
/// A visitor that behaves as the widget does when its server goes away: it reconnects, resumes its
/// conversation from the largest message id it has seen, and resends an unacknowledged message with the
/// same <c>client_message_id</c>. It records everything it was sent, so a test can compare it with the
/// database: an acknowledged message must be stored, a stored reply must have reached the visitor.
/// </summary>
public sealed class ResumingVisitor : IAsyncDisposable
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ReconnectFor = TimeSpan.FromSeconds(45);

    private readonly Uri _uri;
    private readonly Func<ClientWebSocket> _newSocket;
    private ClientWebSocket? _socket;
    private Channel<JsonElement>? _inbound;

    public ResumingVisitor(string name, Uri uri, Func<ClientWebSocket> newSocket)
    {
        Name = name;
        _uri = uri;
        _newSocket = newSocket;
    }

    public string Name { get; }

    public string? ConversationId { get; private set; }

    public string? SessionToken { get; private set; }

    /// <summary>The largest message id this visitor has seen: its resume cursor.</summary>
    public long LastSeenId { get; private set; }

    /// <summary>client_message_id → the message_id it was acknowledged with.</summary>
    public Dictionary<string, long> Acknowledged { get; } = [];

    /// <summary>Replies (assistant and owner) received, by message id, live or replayed.</summary>
    public Dictionary<long, JsonElement> Replies { get; } = [];

    public List<string> Announcements { get; } = [];

    /// <summary>How many times the connection was lost and resumed, and how long each took until the next acknowledgement.</summary>
    public List<TimeSpan> Recoveries { get; } = [];

    public int Reconnects => Recoveries.Count;

    public async Task ConnectAsync()
    {
        var socket = _newSocket();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await socket.ConnectAsync(_uri, timeout.Token);
        }

        _socket?.Dispose();
        _socket = socket;
        _inbound = Channel.CreateUnbounded<JsonElement>();
        _ = PumpAsync(socket, _inbound.Writer);
        var established = await ReceiveAsync(TimeSpan.FromSeconds(5)) ?? throw new WebSocketException("no connection_established");
        if (SessionToken is null)
        {
            SessionToken = established.GetProperty("session_token").GetString();
            ConversationId = established.GetProperty("conversation_id").GetString();
            return;
        }

        await SendFrameAsync(ClientMessageWriter.Write(new Resume(SessionToken, LastSeenId)));
        while (true)
        {
            var message = await ReceiveAsync(TimeSpan.FromSeconds(5)) ?? throw new WebSocketException("no resumed");
            if (Type(message) == "resumed")
            {
                return;
            }

            if (Type(message) == "error")
            {
                throw new InvalidOperationException($"{Name}: resume refused: {message}");
            }
        }
    }

    /// <summary>
    /// Sends one chat message and returns once it is acknowledged and answered, reconnecting and resending
    /// (same client_message_id) as often as the connection drops, for up to 45 s.
    /// </summary>
    public async Task<long> ChatAsync(string text, string clientMessageId)
    {
        var lostAt = (Stopwatch?)null;
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (_socket is not { State: WebSocketState.Open } || _inbound!.Reader.Completion.IsCompleted)
                {
                    await ConnectAsync();
                }

                await SendFrameAsync(ClientMessageWriter.Write(new ChatMessage(text, ClientMessageWriter.FormatTimestamp(DateTimeOffset.UtcNow), clientMessageId)));
                var id = await AwaitAckAsync(clientMessageId);
                if (lostAt is not null)
                {
                    Recoveries.Add(lostAt.Elapsed);
                    lostAt = null;
                }

                await AwaitReplyToAsync(id);
                return id;
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or TimeoutException or IOException)
            {
                lostAt ??= Stopwatch.StartNew();
                _socket?.Abort();
                if (deadline.Elapsed > ReconnectFor)
                {
                    throw new TimeoutException($"{Name}: no acknowledged, answered {clientMessageId} within {ReconnectFor.TotalSeconds} s", ex);
                }

                await Task.Delay(200);
            }
        }
    }

    /// <summary>Reads (recording what arrives) until a reply with this id arrives or <paramref name="timeout"/> passes.</summary>
    public async Task<bool> WaitForReplyAsync(long messageId, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!Replies.ContainsKey(messageId))
        {
            var left = timeout - clock.Elapsed;
            if (left <= TimeSpan.Zero || await ReceiveAsync(left) is null)
            {
                return Replies.ContainsKey(messageId);
            }
        }

        return true;
    }

    /// <summary>Reads until an announcement with this text arrives, or the timeout passes.</summary>
    public async Task<bool> WaitForAnnouncementAsync(string text, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!Announcements.Contains(text))
        {
            var left = timeout - clock.Elapsed;
            if (left <= TimeSpan.Zero || await ReceiveAsync(left) is null)
            {
                return Announcements.Contains(text);
            }
        }

        return true;
    }

    public ValueTask DisposeAsync()
    {
        _socket?.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<long> AwaitAckAsync(string clientMessageId)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < ReplyTimeout)
        {
            var message = await ReceiveAsync(ReplyTimeout - clock.Elapsed) ?? throw new TimeoutException("no ack");
            if (Type(message) == "chat_message_received" && message.TryGetProperty("client_message_id", out var echoed) && echoed.GetString() == clientMessageId)
            {
                var id = message.GetProperty("message_id").GetInt64();
                Acknowledged[clientMessageId] = id;
                LastSeenId = Math.Max(LastSeenId, id);
                return id;
            }

            if (Type(message) == "error")
            {
                // unavailable: nothing was stored; the loop resends.
                throw new IOException($"{Name}: {message}");
            }
        }

        throw new TimeoutException("no ack");
    }

    private async Task AwaitReplyToAsync(long messageId)
    {
        var clock = Stopwatch.StartNew();
        while (!Replies.Values.Any(reply => reply.TryGetProperty("reply_to", out var to) && to.ValueKind == JsonValueKind.Number && to.GetInt64() == messageId))
        {
            var left = ReplyTimeout - clock.Elapsed;
            if (left <= TimeSpan.Zero || await ReceiveAsync(left) is null)
            {
                throw new TimeoutException($"no reply to {messageId}");
            }
        }
    }

    /// <summary>The next message (recorded), or null when <paramref name="timeout"/> passes first.</summary>
    private async Task<JsonElement?> ReceiveAsync(TimeSpan timeout)
    {
        // Waiting on the channel, not the socket: a cancelled WebSocket receive aborts the connection.
        using var cancel = new CancellationTokenSource(timeout);
        JsonElement message;
        try
        {
            message = await _inbound!.Reader.ReadAsync(cancel.Token);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return null;
        }
        catch (ChannelClosedException ex)
        {
            throw new WebSocketException($"{Name}: connection lost: {ex.InnerException?.Message}");
        }

        switch (Type(message))
        {
            case "chat_message":
                var id = message.GetProperty("message_id").GetInt64();
                Replies[id] = message;
                LastSeenId = Math.Max(LastSeenId, id);
                break;
            case "announcement":
                Announcements.Add(message.GetProperty("message").GetString()!);
                break;
        }

        return message;
    }

    /// <summary>Reads one connection's frames into its channel until it closes or fails.</summary>
    private static async Task PumpAsync(ClientWebSocket socket, ChannelWriter<JsonElement> inbound)
    {
        var buffer = new byte[64 * 1024];
        using var frame = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    inbound.TryComplete(new WebSocketException("closed by the server"));
                    return;
                }

                frame.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    inbound.TryWrite(JsonDocument.Parse(frame.ToArray()).RootElement.Clone());
                    frame.SetLength(0);
                }
            }
        }
        catch (Exception ex)
        {
            inbound.TryComplete(ex);
        }
    }

    private async Task SendFrameAsync(byte[] utf8)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _socket!.SendAsync(utf8, WebSocketMessageType.Text, true, timeout.Token);
    }

    private static string? Type(JsonElement message) => message.GetProperty("type").GetString();

    public override string ToString() => $"{Name} ({ConversationId}, last seen {LastSeenId})";
}
