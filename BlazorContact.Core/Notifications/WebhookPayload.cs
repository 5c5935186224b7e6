namespace BlazorContact.Core.Notifications;

/// <summary>
/// The JSON body POSTed to the webhook (snake_case; absent values are <c>null</c>, so every field is
/// always there). <c>request_id</c> or <c>message_id</c> identifies the event: a receiver can use it
/// to ignore a retried delivery it already handled.
/// </summary>
public sealed record WebhookPayload(
    string Event,
    string ConversationId,
    long? RequestId,
    long? MessageId,
    string Text,
    string? VisitorName,
    string? VisitorEmail,
    string? Page,
    string? UserAgent,
    DateTimeOffset At,
    string InboxUrl)
{
    public static WebhookPayload From(OwnerNotification notification) => new(
        notification.EventName,
        notification.ConversationId,
        notification.RequestId,
        notification.MessageId,
        notification.Text,
        notification.VisitorName,
        notification.VisitorEmail,
        notification.Page,
        notification.UserAgent,
        notification.At,
        notification.InboxUrl);
}
