using System.Text.Json.Serialization;

namespace BlazorContact.Core.Protocol;

/// <summary>
/// A message from a visitor's client: what <see cref="ClientMessageParser"/> reads (validated) and
/// <see cref="ClientMessageWriter"/> writes, with <c>type</c> first and the guide's field names.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ContactRequest), MessageTypes.ContactRequest)]
[JsonDerivedType(typeof(ChatMessage), MessageTypes.ChatMessage)]
[JsonDerivedType(typeof(Ping), MessageTypes.Ping)]
[JsonDerivedType(typeof(Resume), MessageTypes.Resume)]
[JsonDerivedType(typeof(HistoryRequest), MessageTypes.History)]
public abstract record ClientMessage;

/// <summary><c>contact_request</c>: the visitor asks the owner to get in touch.</summary>
public sealed record ContactRequest(
    string Message,
    [property: JsonPropertyName("timestamp")] string ClientTimestamp,
    // The guide spells this one field in camelCase.
    [property: JsonPropertyName("userAgent")] string UserAgent,
    string? Name = null,
    string? Email = null,
    string? Page = null) : ClientMessage;

/// <summary><c>chat_message</c>: a visitor's chat line.</summary>
public sealed record ChatMessage(
    string Message,
    [property: JsonPropertyName("timestamp")] string ClientTimestamp,
    string? ClientMessageId = null) : ClientMessage
{
    /// <summary>
    /// Addition (<c>"stream": true</c>): the client wants the reply's text as it is written, in
    /// <c>chat_message_delta</c> frames before the complete <c>chat_message</c>. Written only when true,
    /// so a frame without it is what the guide's clients send.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
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
public sealed record HistoryRequest(long? BeforeMessageId = null, int Limit = HistoryRequest.DefaultLimit) : ClientMessage
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;
}

/// <summary><c>resume</c>: re-attach this connection to an earlier conversation.</summary>
public sealed record Resume(string SessionToken, long LastMessageId = 0) : ClientMessage;
