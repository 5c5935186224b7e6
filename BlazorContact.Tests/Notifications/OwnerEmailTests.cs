using BlazorContact.Core.Notifications;
using MimeKit;

namespace BlazorContact.Tests.Notifications;

public sealed class OwnerEmailTests
{
    private static readonly EmailNotifierOptions Options = new() { Host = "smtp.example.com", To = "owner@example.com", From = "Blog <blog@example.com>" };

    [Fact]
    public void Subject_names_the_request_in_both_languages_and_the_visitor()
    {
        using var mail = OwnerEmail.Compose(OwnerNotificationTests.ContactRequest(), Options);
        Assert.Equal("[BlazorContact] 新的联系请求 / New contact request: Ada <ada@example.com>", mail.Subject);
    }

    [Fact]
    public void Reply_to_is_the_visitor_so_the_owner_can_answer_by_email()
    {
        using var mail = OwnerEmail.Compose(OwnerNotificationTests.ContactRequest(), Options);
        var replyTo = Assert.Single(mail.ReplyTo.Mailboxes);
        Assert.Equal(("Ada", "ada@example.com"), (replyTo.Name, replyTo.Address));
        Assert.Contains("Reply to this email", mail.TextBody);
    }

    [Fact]
    public void Without_a_visitor_email_there_is_no_reply_to_and_the_visitor_is_anonymous()
    {
        using var mail = OwnerEmail.Compose(OwnerNotificationTests.ContactRequest(name: null, email: null), Options);
        Assert.Empty(mail.ReplyTo);
        Assert.EndsWith("匿名访客 / anonymous visitor", mail.Subject);
        Assert.DoesNotContain("Reply to this email", mail.TextBody);
    }

    [Fact]
    public void Body_has_the_message_page_user_agent_time_and_inbox_link()
    {
        using var mail = OwnerEmail.Compose(OwnerNotificationTests.ContactRequest(), Options);
        var body = mail.TextBody;
        Assert.Contains("你好，我想咨询技术问题", body);
        Assert.Contains("Page: /posts/hello", body);
        Assert.Contains("User agent: Mozilla/5.0", body);
        Assert.Contains("Time: 2025-01-01 12:00:00 UTC", body);
        Assert.Contains("Request: 7", body);
        Assert.Contains("https://blog.example.com/inbox?c=c-1", body);
        Assert.Equal(OwnerNotificationTests.At, mail.Date);
    }

    [Fact]
    public void A_visitor_name_cannot_break_out_of_the_subject_line()
    {
        using var mail = OwnerEmail.Compose(OwnerNotificationTests.ContactRequest(name: "Eve\r\nBcc: victim@example.com"), Options);
        Assert.DoesNotContain("\n", mail.Subject, StringComparison.Ordinal);
        Assert.Empty(mail.Bcc);
        using var written = new MemoryStream();
        mail.WriteTo(written);
        var parsed = MimeMessage.Load(new MemoryStream(written.ToArray()));
        Assert.Empty(parsed.Bcc);
        Assert.Equal("owner@example.com", Assert.Single(parsed.To.Mailboxes).Address);
    }

    [Fact]
    public void From_defaults_to_the_owner_address()
    {
        using var mail = OwnerEmail.Compose(OwnerNotificationTests.ContactRequest(), new EmailNotifierOptions { Host = "smtp.example.com", To = "owner@example.com" });
        Assert.Equal("owner@example.com", Assert.Single(mail.From.Mailboxes).Address);
    }
}
