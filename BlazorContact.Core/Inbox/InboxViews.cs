namespace BlazorContact.Core.Inbox;

/// <summary>Which conversations the inbox lists.</summary>
public enum InboxFilter
{
    Open,
    Closed,
    All,
}

/// <summary>A conversation as the inbox lists it.</summary>
/// <param name="UnreadCount">Visitor messages and contact requests since the owner last read the conversation.</param>
/// <param name="Online">A visitor of the conversation is connected right now.</param>
public sealed record InboxConversation(
    string Id, DateTimeOffset CreatedAt, DateTimeOffset LastActivityAt, string? UserAgent, string? RemoteAddress, string? Page,
    string? VisitorName, string? VisitorEmail, bool OwnerTookOver, bool Closed,
    string? LastMessageText, string? LastMessageSender, int UnreadCount, int ContactRequestCount, bool Online);

/// <summary>One message in the inbox (visitor, assistant or owner; see <see cref="Protocol.Senders"/>).</summary>
public sealed record InboxMessage(long Id, string ConversationId, string Sender, string Text, DateTimeOffset CreatedAt, long? ReplyTo);

/// <summary>A contact request as the inbox shows it.</summary>
public sealed record InboxContactRequest(
    long Id, string ConversationId, string Text, string UserAgent, string? Name, string? Email, string? Page, DateTimeOffset ReceivedAt);

/// <summary>One entry of a conversation's timeline: a message or a contact request.</summary>
public sealed record InboxTimelineEntry(DateTimeOffset At, InboxMessage? Message, InboxContactRequest? Request);

/// <summary>Everything the inbox shows about one conversation.</summary>
public sealed record InboxConversationDetail(
    InboxConversation Conversation, IReadOnlyList<InboxMessage> Messages, IReadOnlyList<InboxContactRequest> ContactRequests)
{
    /// <summary>Messages and contact requests together, oldest first.</summary>
    public IReadOnlyList<InboxTimelineEntry> Timeline { get; } =
    [
        .. Messages.Select(m => new InboxTimelineEntry(m.CreatedAt, m, null))
            .Concat(ContactRequests.Select(r => new InboxTimelineEntry(r.ReceivedAt, null, r)))
            .OrderBy(entry => entry.At),
    ];
}
