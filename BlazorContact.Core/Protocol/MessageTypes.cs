namespace BlazorContact.Core.Protocol;

/// <summary>The <c>type</c> values of the <c>/contact</c> protocol (see PROTOCOL.md).</summary>
public static class MessageTypes
{
    public const string ConnectionEstablished = "connection_established";
    public const string ContactRequest = "contact_request";
    public const string ContactRequestReceived = "contact_request_received";
    public const string ChatMessage = "chat_message";
    public const string ChatMessageReceived = "chat_message_received";
    public const string Ping = "ping";
    public const string Pong = "pong";
    public const string Resume = "resume";
    public const string Resumed = "resumed";
    public const string Announcement = "announcement";
    public const string Error = "error";

    /// <summary>Addition: a client asks for the conversation's earlier messages (both directions), and the answer.</summary>
    public const string History = "history";

    /// <summary>Addition: a piece of a reply being written, sent to a client that asked for <c>"stream": true</c>.</summary>
    public const string ChatMessageDelta = "chat_message_delta";
}
