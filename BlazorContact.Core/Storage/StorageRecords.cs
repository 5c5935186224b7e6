namespace BlazorContact.Core.Storage;

/// <summary>Who a conversation is with; written with the conversation's first message.</summary>
public sealed record ConversationOrigin(string ConversationId, string SessionToken, string? UserAgent, string? RemoteAddress, string? Page);

/// <summary>A visitor message to store.</summary>
public sealed record NewVisitorMessage(
    ConversationOrigin Conversation, string Text, string ClientTimestamp, string? ClientMessageId, DateTimeOffset ReceivedAt);

/// <summary>The outcome of storing a visitor message.</summary>
/// <param name="Duplicate">True when the client_message_id was stored before; <paramref name="MessageId"/> is the original's.</param>
/// <param name="Answered">True when a reply to this message is already stored.</param>
/// <param name="OwnerTookOver">True when the owner has taken the conversation over: the assistant stays silent.</param>
/// <param name="LastReplyId">
/// The conversation's latest reply (assistant or owner) committed when this write committed, 0 when none: a
/// connection must have been sent every reply up to it before it is sent this acknowledgement, or a client that
/// resumes from the acknowledged id would never get them.
/// </param>
public sealed record VisitorMessageResult(long MessageId, DateTimeOffset StoredAt, bool Duplicate, bool Answered, bool OwnerTookOver, long LastReplyId = 0);

/// <summary>An assistant or owner reply to store.</summary>
public sealed record NewReply(string ConversationId, string Sender, string Text, long? ReplyTo, DateTimeOffset CreatedAt);

/// <summary>A contact request to store.</summary>
public sealed record NewContactRequest(
    ConversationOrigin Conversation, string Text, string ClientTimestamp, string UserAgent,
    string? Name, string? Email, string? Page, DateTimeOffset ReceivedAt);

/// <summary>A stored message of any sender.</summary>
/// <param name="PreviousReplyId">
/// Set by <see cref="IConversationStore.AppendReplyAsync"/> only (null on reads): the id of the conversation's reply
/// committed just before this one, 0 for its first. Replies form a chain per conversation, so whoever delivers them
/// sees a missing link (a gap) and re-reads from the store instead of skipping it.
/// </param>
public sealed record StoredMessage(
    long Id, string ConversationId, string Sender, string Text, DateTimeOffset CreatedAt,
    string? ClientMessageId, string? ClientTimestamp, long? ReplyTo, long? PreviousReplyId = null);

/// <summary>A conversation as the owner's inbox lists it.</summary>
/// <param name="UnreadCount">Visitor messages and contact requests since the owner last read the conversation.</param>
public sealed record ConversationSummary(
    string Id, DateTimeOffset CreatedAt, DateTimeOffset LastActivityAt, string? UserAgent, string? RemoteAddress, string? Page,
    string? VisitorName, string? VisitorEmail, bool OwnerTookOver, bool Closed,
    string? LastMessageText, string? LastMessageSender, int UnreadCount, int ContactRequestCount);

/// <summary>What the inbox lists.</summary>
public enum ConversationFilter
{
    Open,
    Closed,
    All,
}

/// <summary>A stored contact request.</summary>
public sealed record StoredContactRequest(
    long Id, string ConversationId, string Text, string UserAgent, string? Name, string? Email, string? Page, DateTimeOffset ReceivedAt);

/// <summary>A stored conversation. Its session token is kept only as <see cref="Storage.SessionTokenHash"/>.</summary>
public sealed record ConversationInfo(
    string Id, string SessionTokenHash, DateTimeOffset CreatedAt, DateTimeOffset LastActivityAt,
    string? UserAgent, string? RemoteAddress, bool OwnerTookOver);

/// <summary>One element of the Data Protection key ring (a key or a revocation), by the name Data Protection gave it.</summary>
public sealed record KeyRingElement(string Name, string Xml);
