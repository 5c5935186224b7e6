namespace BlazorContact.Core.Protocol;

/// <summary>A validated message from a visitor's client.</summary>
public abstract record ClientMessage;

/// <summary><c>contact_request</c>: the visitor asks the owner to get in touch.</summary>
public sealed record ContactRequest(
    string Message,
    string ClientTimestamp,
    string UserAgent,
    string? Name,
    string? Email,
    string? Page) : ClientMessage;

/// <summary><c>chat_message</c>: a visitor's chat line.</summary>
public sealed record ChatMessage(string Message, string ClientTimestamp, string? ClientMessageId) : ClientMessage
{
    /// <summary>
    /// Addition (<c>"stream": true</c>): the client wants the reply's text as it is written, in
    /// <c>chat_message_delta</c> frames before the complete <c>chat_message</c>.
    /// </summary>
    public bool Stream { get; init; }
}

/// <summary><c>ping</c>: application-level keep-alive.</summary>
public sealed record Ping : ClientMessage
{
    /// <summary>The one instance: a ping carries nothing.</summary>
    public static Ping Instance { get; } = new();
}

/// <summary>
/// <c>history</c> (an addition to the guide): the latest <paramref name="Limit"/> messages of this
/// connection's conversation, visitor messages included, older than <paramref name="BeforeMessageId"/> when given.
/// </summary>
public sealed record HistoryRequest(long? BeforeMessageId, int Limit) : ClientMessage
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;
}

/// <summary><c>resume</c>: re-attach this connection to an earlier conversation.</summary>
public sealed record Resume(string SessionToken, long LastMessageId) : ClientMessage;
