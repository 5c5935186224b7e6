using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using BlazorContact.Core.Protocol;

namespace BlazorContact.Tests.Support;

/// <summary>A real <see cref="ClientWebSocket"/> speaking the protocol, with waits that time out instead of hanging.</summary>
public sealed class ContactClient : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private ContactClient(ClientWebSocket socket, JsonElement established)
    {
        Socket = socket;
        Established = established;
    }

    public ClientWebSocket Socket { get; }

    /// <summary>The <c>connection_established</c> message.</summary>
    public JsonElement Established { get; }

    public string ClientId => Established.GetProperty("client_id").GetString()!;

    public string SessionToken => Established.GetProperty("session_token").GetString()!;

    public string ConversationId => Established.GetProperty("conversation_id").GetString()!;

    public static Task<ContactClient> ConnectAsync(Uri uri, string? origin = null) => ConnectAsync(uri, origin, configure: null, invoker: null);

    /// <param name="configure">Request headers and other socket options, before connecting.</param>
    /// <param name="invoker">The HTTP stack to connect through, e.g. one that accepts a test certificate for <c>wss://</c>.</param>
    public static async Task<ContactClient> ConnectAsync(Uri uri, string? origin, Action<ClientWebSocketOptions>? configure, HttpMessageInvoker? invoker)
    {
        var socket = new ClientWebSocket();
        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }

        configure?.Invoke(socket.Options);
        using var timeout = new CancellationTokenSource(DefaultTimeout);
        await socket.ConnectAsync(uri, invoker, timeout.Token);
        var established = await ReceiveFromAsync(socket, DefaultTimeout);
        Assert.Equal("connection_established", established.GetProperty("type").GetString());
        return new ContactClient(socket, established);
    }

    /// <summary>Sends a valid message, written by <see cref="ClientMessageWriter"/> as every client writes it.</summary>
    public Task SendAsync(ClientMessage message) => SendFrameAsync(ClientMessageWriter.Write(message));

    /// <summary>Sends any text as it is: for the frames a test gets wrong on purpose.</summary>
    public Task SendTextAsync(string text) => SendFrameAsync(Encoding.UTF8.GetBytes(text));

    public Task SendChatAsync(string message, string? clientMessageId = null, bool stream = false) =>
        SendAsync(new ChatMessage(message, ClientMessageWriter.FormatTimestamp(DateTimeOffset.UtcNow), clientMessageId) { Stream = stream });

    public Task SendPingAsync() => SendAsync(Ping.Instance);

    public Task<JsonElement> ReceiveAsync(TimeSpan? timeout = null) => ReceiveFromAsync(Socket, timeout ?? DefaultTimeout);

    /// <summary>Receives the next message and checks its type.</summary>
    public async Task<JsonElement> ExpectAsync(string type, TimeSpan? timeout = null)
    {
        var message = await ReceiveAsync(timeout);
        Assert.True(type == message.GetProperty("type").GetString(), $"expected {type}, got {message}");
        return message;
    }

    /// <summary>Sends a chat message and returns its acknowledgement and the assistant's reply.</summary>
    public async Task<(JsonElement Ack, JsonElement Reply)> ChatAsync(string message, string? clientMessageId = null)
    {
        await SendChatAsync(message, clientMessageId);
        var ack = await ExpectAsync("chat_message_received");
        var reply = await ExpectAsync("chat_message");
        return (ack, reply);
    }

    public async Task CloseAsync()
    {
        using var timeout = new CancellationTokenSource(DefaultTimeout);
        await Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
    }

    public ValueTask DisposeAsync()
    {
        Socket.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task SendFrameAsync(byte[] utf8)
    {
        using var timeout = new CancellationTokenSource(DefaultTimeout);
        await Socket.SendAsync(utf8, WebSocketMessageType.Text, true, timeout.Token);
    }

    private static async Task<JsonElement> ReceiveFromAsync(ClientWebSocket socket, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, cancel.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new WebSocketException($"closed by server: {result.CloseStatus} {result.CloseStatusDescription}");
            }

            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);

        return JsonDocument.Parse(message.ToArray()).RootElement.Clone();
    }
}
