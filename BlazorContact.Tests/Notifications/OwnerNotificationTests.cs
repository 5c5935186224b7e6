using BlazorContact.Core.Events;
using BlazorContact.Core.Conversations;
using BlazorContact.Core.Notifications;

namespace BlazorContact.Tests.Notifications;

public sealed class OwnerNotificationTests
{
    internal static readonly DateTimeOffset At = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    internal static OwnerNotification ContactRequest(string text = "你好，我想咨询技术问题", string? name = "Ada", string? email = "ada@example.com") =>
        OwnerNotification.From(
            new OwnerAttentionNeeded("c-1", OwnerAttentionReason.ContactRequest, text, At, RequestId: 7,
                VisitorName: name, VisitorEmail: email, Page: "/posts/hello", UserAgent: "Mozilla/5.0"),
            "https://blog.example.com/inbox");

    [Fact]
    public void Is_built_from_the_event_with_a_link_to_the_conversation_in_the_inbox()
    {
        var notification = ContactRequest();
        Assert.Equal("contact_request", notification.EventName);
        Assert.Equal("c-1", notification.ConversationId);
        Assert.Equal(7, notification.RequestId);
        Assert.Null(notification.MessageId);
        Assert.Equal(("Ada", "ada@example.com", "/posts/hello", "Mozilla/5.0"), (notification.VisitorName, notification.VisitorEmail, notification.Page, notification.UserAgent));
        Assert.Equal(At, notification.At);
        Assert.Equal("https://blog.example.com/inbox?c=c-1", notification.InboxUrl);
    }

    [Fact]
    public void A_message_after_takeover_is_a_visitor_message_event()
    {
        var notification = OwnerNotification.From(
            new OwnerAttentionNeeded("c-2", OwnerAttentionReason.VisitorMessageAfterTakeover, "still there?", At, MessageId: 12),
            "http://127.0.0.1:8080/inbox");
        Assert.Equal("visitor_message", notification.EventName);
        Assert.Equal(12, notification.MessageId);
    }

    [Theory]
    [InlineData("https://blog.example.com/inbox", "https://blog.example.com/inbox?c=a%2Fb")]
    [InlineData("https://blog.example.com/admin?page=inbox", "https://blog.example.com/admin?page=inbox&c=a%2Fb")]
    public void Inbox_link_adds_the_conversation_to_the_query(string inbox, string expected) =>
        Assert.Equal(expected, OwnerNotification.InboxLink(inbox, "a/b"));
}
