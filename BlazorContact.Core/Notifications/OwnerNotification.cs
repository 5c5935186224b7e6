using BlazorContact.Core.Events;

namespace BlazorContact.Core.Notifications;

/// <summary>
/// What the owner is told off-page: an <see cref="OwnerAttentionNeeded"/> event plus a link to the
/// conversation in the inbox. Everything in it is already stored, so losing one loses only the alert.
/// </summary>
public sealed record OwnerNotification(
    OwnerAttentionReason Reason,
    string ConversationId,
    string Text,
    DateTimeOffset At,
    string InboxUrl,
    long? RequestId = null,
    long? MessageId = null,
    string? VisitorName = null,
    string? VisitorEmail = null,
    string? Page = null,
    string? UserAgent = null)
{
    /// <summary>The event name used by the webhook: <c>contact_request</c> or <c>visitor_message</c>.</summary>
    public string EventName => Reason switch
    {
        OwnerAttentionReason.ContactRequest => "contact_request",
        OwnerAttentionReason.VisitorMessageAfterTakeover => "visitor_message",
        _ => Reason.ToString(),
    };

    /// <summary>Builds the notification for an event; <paramref name="inboxUrl"/> is <c>Notifications:InboxUrl</c>.</summary>
    public static OwnerNotification From(OwnerAttentionNeeded attention, string inboxUrl) => new(
        attention.Reason,
        attention.ConversationId,
        attention.Text,
        attention.At,
        InboxLink(inboxUrl, attention.ConversationId),
        attention.RequestId,
        attention.MessageId,
        attention.VisitorName,
        attention.VisitorEmail,
        attention.Page,
        attention.UserAgent);

    /// <summary>The inbox URL with the conversation in its query: <c>https://blog.example.com/inbox?c=ID</c>.</summary>
    public static string InboxLink(string inboxUrl, string conversationId)
    {
        var separator = inboxUrl.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return $"{inboxUrl}{separator}c={Uri.EscapeDataString(conversationId)}";
    }
}
