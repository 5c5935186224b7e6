using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using BlazorContact.Core.Protocol;

namespace BlazorContact.Web.Check;

/// <summary>
/// The check's client: a <see cref="ClientWebSocket"/> where every wait has a timeout and every frame
/// received is run through <see cref="ServerMessageValidator"/>. A failed expectation is thrown as
/// <see cref="TimeoutException"/>, <see cref="InvalidDataException"/> or <see cref="IOException"/>
/// with a sentence for the report; <see cref="DeploymentCheck"/> turns it into a ✗ line.
/// </summary>
internal sealed class CheckConnection : IAsyncDisposable
{
    // A reply far beyond any real answer means something is wrong; don't buffer it without end.
    private const int MaxFrameBytes = 1024 * 1024;

    private readonly ClientWebSocket _socket;
    private readonly TimeSpan _timeout;

    private CheckConnection(ClientWebSocket socket, TimeSpan timeout, JsonElement established)
    {
        _socket = socket;
        _timeout = timeout;
        Established = established;
    }

    /// <summary>The validated <c>connection_established</c> message.</summary>
    public JsonElement Established { get; }

    public string ClientId => Established.GetProperty("client_id").GetString()!;

    public string SessionToken => Established.GetProperty("session_token").GetString()!;

    public string ConversationId => Established.GetProperty("conversation_id").GetString()!;

    /// <summary>Opens the socket and waits for <c>connection_established</c>.</summary>
    public static async Task<CheckConnection> OpenAsync(Uri uri, TimeSpan timeout)
    {
        var socket = new ClientWebSocket();
        try
        {
            using (var cancel = new CancellationTokenSource(timeout))
            {
                try
                {
                    await socket.ConnectAsync(uri, cancel.Token);
                }
                catch (OperationCanceledException) when (cancel.IsCancellationRequested)
                {
                    throw new TimeoutException($"cannot connect to {uri}: no answer within {Seconds(timeout)}");
                }
                catch (WebSocketException ex)
                {
                    throw new IOException($"cannot connect to {uri}: {Innermost(ex).Message.TrimEnd('.')}. Is the server running, and is this its /contact URL?", ex);
                }
            }

            var established = await ReceiveFromAsync(socket, timeout, MessageTypes.ConnectionEstablished);
            RequireType(established, MessageTypes.ConnectionEstablished);
            return new CheckConnection(socket, timeout, established);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sends <paramref name="message"/>, written by the protocol's own <see cref="ClientMessageWriter"/>.</summary>
    public async Task SendAsync(ClientMessage message)
    {
        using var cancel = new CancellationTokenSource(_timeout);
        try
        {
            await _socket.SendAsync(ClientMessageWriter.Write(message), WebSocketMessageType.Text, endOfMessage: true, cancel.Token);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            throw new TimeoutException($"could not send {ClientMessageWriter.TypeOf(message)} within {Seconds(_timeout)}");
        }
    }

    /// <summary>The next message, whatever its type, once it has passed the validator.</summary>
    public Task<JsonElement> ReceiveAsync(string waitingFor) => ReceiveFromAsync(_socket, _timeout, waitingFor);

    /// <summary>The next message, which must be of <paramref name="type"/>.</summary>
    public async Task<JsonElement> ExpectAsync(string type)
    {
        var message = await ReceiveAsync(type);
        RequireType(message, type);
        return message;
    }

    /// <summary>The closing handshake, bounded by the timeout.</summary>
    public async Task CloseAsync()
    {
        using var cancel = new CancellationTokenSource(_timeout);
        try
        {
            await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "check done", cancel.Token);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            throw new TimeoutException($"the server did not complete the closing handshake within {Seconds(_timeout)}");
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The <c>type</c> of a validated message.</summary>
    public static string TypeOf(JsonElement message) => message.GetProperty("type").GetString()!;

    private static void RequireType(JsonElement message, string type)
    {
        var actual = TypeOf(message);
        if (actual == type)
        {
            return;
        }

        throw new InvalidDataException(actual == MessageTypes.Error
            ? $"expected {type}, got error {message.GetProperty("code").GetString()}: {message.GetProperty("message").GetString()}"
            : $"expected {type}, got {actual}: {Shorten(message.GetRawText())}");
    }

    private static async Task<JsonElement> ReceiveFromAsync(ClientWebSocket socket, TimeSpan timeout, string waitingFor)
    {
        using var cancel = new CancellationTokenSource(timeout);
        using var frame = new MemoryStream();
        var buffer = new byte[16 * 1024];
        WebSocketReceiveResult result;
        try
        {
            do
            {
                result = await socket.ReceiveAsync(buffer, cancel.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    throw new InvalidDataException(
                        $"the server closed the connection ({(int?)result.CloseStatus} {result.CloseStatusDescription}) while the check waited for {waitingFor}");
                }

                frame.Write(buffer, 0, result.Count);
                if (frame.Length > MaxFrameBytes)
                {
                    throw new InvalidDataException($"a frame over {MaxFrameBytes} bytes arrived while the check waited for {waitingFor}");
                }
            }
            while (!result.EndOfMessage);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            throw new TimeoutException($"no {waitingFor} within {Seconds(timeout)}");
        }
        catch (WebSocketException ex)
        {
            throw new IOException($"the connection failed while the check waited for {waitingFor}: {Innermost(ex).Message}", ex);
        }

        var bytes = frame.ToArray();
        if (result.MessageType == WebSocketMessageType.Binary)
        {
            throw new InvalidDataException($"a binary frame arrived while the check waited for {waitingFor}; the protocol sends JSON text frames");
        }

        var problems = ServerMessageValidator.Validate(bytes);
        if (problems.Count > 0)
        {
            throw new InvalidDataException(
                $"an invalid frame arrived while the check waited for {waitingFor}: {string.Join("; ", problems)} in {Shorten(Encoding.UTF8.GetString(bytes))}");
        }

        using var document = JsonDocument.Parse(bytes);
        return document.RootElement.Clone();
    }

    private static Exception Innermost(Exception exception)
    {
        while (exception.InnerException is not null)
        {
            exception = exception.InnerException;
        }

        return exception;
    }

    private static string Seconds(TimeSpan timeout) => $"{timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s";

    private static string Shorten(string text) => text.Length <= 200 ? text : string.Concat(text.AsSpan(0, 197), "...");
}
