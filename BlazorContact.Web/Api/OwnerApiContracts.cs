using BlazorContact.Core.Inbox;

namespace BlazorContact.Web.Api;

// The owner API's wire records (snake_case through OwnerApiJsonContext), mapped from the inbox views.
// Request bodies are records of nullable fields, so a missing field is a validation answer, not a parse error.

/// <summary>Body of <c>POST /api/v1/conversations/{id}/messages</c> and <c>POST /api/v1/announcements</c>.</summary>
public sealed record ApiTextBody(string? Text);

/// <summary>Body of <c>POST /api/v1/tokens</c>.</summary>
public sealed record ApiTokenBody(string? Name);

/// <summary>A conversation as lists show it.</summary>
public sealed record ApiConversation(
    string Id, DateTimeOffset CreatedAt, DateTimeOffset LastActivityAt, string? VisitorName, string? VisitorEmail, string? Page,
    string? UserAgent, string? RemoteAddress, bool Online, bool OwnerTookOver, bool Closed, int UnreadCount, int ContactRequestCount,
    string? LastMessageText, string? LastMessageSender)
{
    public static ApiConversation From(InboxConversation c) => new(
        c.Id, c.CreatedAt, c.LastActivityAt, c.VisitorName, c.VisitorEmail, c.Page, c.UserAgent, c.RemoteAddress, c.Online,
        c.OwnerTookOver, c.Closed, c.UnreadCount, c.ContactRequestCount, c.LastMessageText, c.LastMessageSender);
}

/// <summary>A message: <c>sender</c> is <c>visitor</c>, <c>assistant</c> or <c>owner</c>.</summary>
public sealed record ApiMessage(long Id, string ConversationId, string Sender, string Text, DateTimeOffset CreatedAt, long? ReplyTo)
{
    public static ApiMessage From(InboxMessage m) => new(m.Id, m.ConversationId, m.Sender, m.Text, m.CreatedAt, m.ReplyTo);
}

/// <summary>A contact request (the visitor asked the owner to write back).</summary>
public sealed record ApiContactRequest(long Id, string Text, string? Name, string? Email, string? Page, string UserAgent, DateTimeOffset ReceivedAt)
{
    public static ApiContactRequest From(InboxContactRequest r) => new(r.Id, r.Text, r.Name, r.Email, r.Page, r.UserAgent, r.ReceivedAt);
}

/// <summary>One timeline entry: <c>kind</c> is <c>message</c> (with <c>message</c>) or <c>contact_request</c> (with <c>contact_request</c>).</summary>
public sealed record ApiTimelineEntry(string Kind, DateTimeOffset At, ApiMessage? Message, ApiContactRequest? ContactRequest)
{
    public static ApiTimelineEntry From(InboxTimelineEntry e) => e.Message is { } m
        ? new("message", e.At, ApiMessage.From(m), null)
        : new("contact_request", e.At, null, ApiContactRequest.From(e.Request!));
}

/// <summary>Answer of <c>GET /api/v1/conversations</c>.</summary>
public sealed record ApiConversationList(IReadOnlyList<ApiConversation> Conversations);

/// <summary>Answer of <c>GET /api/v1/conversations/{id}</c>: the summary and everything in it, oldest first.</summary>
public sealed record ApiConversationDetail(ApiConversation Conversation, IReadOnlyList<ApiTimelineEntry> Timeline);

/// <summary>Answer of <c>GET /api/v1/search</c>, newest first.</summary>
public sealed record ApiSearchResults(IReadOnlyList<ApiMessage> Messages);

/// <summary>Answer of a reply: the stored message (committed before this answer was sent).</summary>
public sealed record ApiReplyCreated(long MessageId, string ConversationId, DateTimeOffset CreatedAt);

/// <summary>Answer of a broadcast: how many visitor connections it was queued to.</summary>
public sealed record ApiAnnouncementSent(int DeliveredTo);

/// <summary>An API token, never its secret.</summary>
public sealed record ApiToken(long Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt, bool Revoked)
{
    public static ApiToken From(OwnerApiTokenView t) => new(t.Id, t.Name, t.Prefix, t.CreatedAt, t.LastUsedAt, t.RevokedAt, t.IsRevoked);
}

/// <summary>Answer of <c>GET /api/v1/tokens</c>, newest first.</summary>
public sealed record ApiTokenList(IReadOnlyList<ApiToken> Tokens);

/// <summary>Answer of <c>POST /api/v1/tokens</c>: the only time the secret is ever shown.</summary>
public sealed record ApiTokenCreated(ApiToken Token, string Secret);
