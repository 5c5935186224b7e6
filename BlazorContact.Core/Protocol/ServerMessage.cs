using System.Text.Json.Serialization;

namespace BlazorContact.Core.Protocol;

/// <summary>
/// A message the server sends. Serialized with <c>type</c> first, snake_case fields, nulls left out.
/// Every server message carries <see cref="Timestamp"/>; the ones meant for a person carry a message.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ConnectionEstablished), MessageTypes.ConnectionEstablished)]
[JsonDerivedType(typeof(ContactRequestReceived), MessageTypes.ContactRequestReceived)]
[JsonDerivedType(typeof(ChatMessageReceived), MessageTypes.ChatMessageReceived)]
[JsonDerivedType(typeof(Resumed), MessageTypes.Resumed)]
[JsonDerivedType(typeof(ChatReply), MessageTypes.ChatMessage)]
[JsonDerivedType(typeof(Pong), MessageTypes.Pong)]
[JsonDerivedType(typeof(Announcement), MessageTypes.Announcement)]
[JsonDerivedType(typeof(ErrorMessage), MessageTypes.Error)]
[JsonDerivedType(typeof(History), MessageTypes.History)]
[JsonDerivedType(typeof(ChatMessageDelta), MessageTypes.ChatMessageDelta)]
public abstract record ServerMessage(DateTimeOffset Timestamp);

/// <summary><c>connection_established</c>, sent right after the upgrade.</summary>
public sealed record ConnectionEstablished(
    string Message, string ClientId, DateTimeOffset Timestamp, string SessionToken, string ConversationId)
    : ServerMessage(Timestamp);

/// <summary><c>contact_request_received</c>, sent after the request is stored and the owner notified.</summary>
public sealed record ContactRequestReceived(string Message, DateTimeOffset Timestamp, long RequestId)
    : ServerMessage(Timestamp);

/// <summary><c>chat_message_received</c>, sent only after the message is durably stored.</summary>
public sealed record ChatMessageReceived(string Message, DateTimeOffset Timestamp, long MessageId, string? ClientMessageId)
    : ServerMessage(Timestamp);

/// <summary><c>resumed</c>, the answer to a valid <c>resume</c>; <see cref="Replayed"/> replies follow.</summary>
public sealed record Resumed(string Message, DateTimeOffset Timestamp, string ConversationId, string ClientId, int Replayed)
    : ServerMessage(Timestamp);

/// <summary><c>chat_message</c> from the server: a reply by the assistant or the owner.</summary>
public sealed record ChatReply(string Message, DateTimeOffset Timestamp, string Sender, long MessageId, long? ReplyTo)
    : ServerMessage(Timestamp);

/// <summary><c>pong</c>, the answer to <c>ping</c>.</summary>
public sealed record Pong(DateTimeOffset Timestamp) : ServerMessage(Timestamp);

/// <summary><c>announcement</c>: the owner's broadcast to every connected visitor.</summary>
public sealed record Announcement(string Message, DateTimeOffset Timestamp) : ServerMessage(Timestamp);

/// <summary><c>error</c>: a rejected input. <see cref="Code"/> is one of <see cref="ErrorCodes"/>.</summary>
public sealed record ErrorMessage(string Message, string Code, DateTimeOffset Timestamp) : ServerMessage(Timestamp);

/// <summary>
/// <c>history</c> (an addition): the answer to a <c>history</c> request, oldest first.
/// <see cref="HasMore"/> says whether older messages exist before the first one.
/// </summary>
public sealed record History(DateTimeOffset Timestamp, string ConversationId, IReadOnlyList<HistoryEntry> Messages, bool HasMore)
    : ServerMessage(Timestamp);

/// <summary>One message in a <see cref="History"/>: <see cref="Sender"/> is <c>visitor</c>, <c>assistant</c> or <c>owner</c>.</summary>
public sealed record HistoryEntry(long MessageId, string Sender, string Message, DateTimeOffset Timestamp, long? ReplyTo, string? ClientMessageId);

/// <summary>
/// <c>chat_message_delta</c> (an addition): the next piece of the assistant's reply to the visitor
/// message <see cref="ReplyTo"/>, sent only to a connection that asked with <c>"stream": true</c>.
/// Pieces are a preview: the complete <c>chat_message</c> with the same <c>reply_to</c> follows
/// and replaces them (it can differ when the model failed half-way and the built-in answer was sent).
/// </summary>
public sealed record ChatMessageDelta(DateTimeOffset Timestamp, long ReplyTo, string Delta) : ServerMessage(Timestamp);
