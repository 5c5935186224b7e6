using BlazorContact.Core.Protocol;
using BlazorContact.Tests.Support;
using MimeKit;

namespace BlazorContact.Tests.Notifications;

public sealed class EmailNotificationTests(SmtpServerFixture fixture) : IClassFixture<SmtpServerFixture>
{
    private static readonly TimeSpan MailTimeout = TimeSpan.FromSeconds(15);

    internal static Dictionary<string, string?> EmailSettings(int port) => new()
    {
        ["Notifications:InboxUrl"] = "https://blog.example.com/inbox",
        ["Notifications:Email:Host"] = "127.0.0.1",
        ["Notifications:Email:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Notifications:Email:UseTls"] = "None",
        ["Notifications:Email:From"] = "BlazorContact <blog@example.com>",
        ["Notifications:Email:To"] = "owner@example.com",
    };

    [Fact]
    public async Task Contact_request_is_emailed_to_the_owner_with_the_message_and_reply_to_the_visitor()
    {
        await using var server = await ContactServer.StartAsync(EmailSettings(fixture.Smtp.Port));
        await using var client = await server.ConnectAsync();
        var marker = Guid.NewGuid().ToString("N");
        await client.SendAsync(new ContactRequest(
            $"你好，我想咨询技术问题 {marker}", "2025-01-01T12:00:00", "Mozilla/5.0 (test)", Name: "Ada Lovelace", Email: "ada@example.com", Page: "/posts/hello"));
        var ack = await client.ExpectAsync("contact_request_received");
        var requestId = ack.GetProperty("request_id").GetInt64();

        var received = await fixture.Smtp.WaitForMessageAsync(m => m.TextBody?.Contains(marker, StringComparison.Ordinal) == true, MailTimeout);

        var mail = received.Message;
        Assert.Equal("[BlazorContact] 新的联系请求 / New contact request: Ada Lovelace <ada@example.com>", mail.Subject);
        var replyTo = Assert.Single(mail.ReplyTo.Mailboxes);
        Assert.Equal("ada@example.com", replyTo.Address);
        Assert.Equal("Ada Lovelace", replyTo.Name);
        Assert.Equal("blog@example.com", Assert.Single(mail.From.Mailboxes).Address);
        Assert.Equal("owner@example.com", Assert.Single(mail.To.Mailboxes).Address);
        Assert.Equal(["owner@example.com"], received.RecipientsTo);
        Assert.Equal("auto-generated", mail.Headers["Auto-Submitted"]);
        var body = mail.TextBody;
        Assert.Contains($"你好，我想咨询技术问题 {marker}", body);
        Assert.Contains("/posts/hello", body);
        Assert.Contains("Mozilla/5.0 (test)", body);
        Assert.Contains($"https://blog.example.com/inbox?c={client.ConversationId}", body);
        Assert.Contains($"Request: {requestId}", body);
        Assert.Matches(@"Time: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC", body);
    }

    [Fact]
    public async Task A_visitor_message_in_a_conversation_the_owner_took_over_is_emailed()
    {
        await using var server = await ContactServer.StartAsync(EmailSettings(fixture.Smtp.Port));
        await using var client = await server.ConnectAsync();
        await client.ChatAsync("hello before the owner steps in");
        await server.Desk.SetTakeoverAsync(client.ConversationId, tookOver: true, CancellationToken.None);

        var marker = Guid.NewGuid().ToString("N");
        await client.SendChatAsync($"are you there? {marker}");
        var ack = await client.ExpectAsync("chat_message_received");

        var received = await fixture.Smtp.WaitForMessageAsync(m => m.TextBody?.Contains(marker, StringComparison.Ordinal) == true, MailTimeout);
        Assert.StartsWith("[BlazorContact] 访客新消息 / New visitor message", received.Message.Subject);
        Assert.Empty(received.Message.ReplyTo);
        Assert.Contains($"Message: {ack.GetProperty("message_id").GetInt64()}", received.Message.TextBody);
        Assert.Contains($"?c={client.ConversationId}", received.Message.TextBody);
    }

    [Fact]
    public async Task An_ordinary_chat_message_sends_no_email()
    {
        await using var server = await ContactServer.StartAsync(EmailSettings(fixture.Smtp.Port));
        await using var client = await server.ConnectAsync();
        var marker = Guid.NewGuid().ToString("N");
        await client.ChatAsync($"just a question for the assistant {marker}");
        // A contact request sent after it is emailed; had the chat been, it would have arrived first.
        await client.SendAsync(new ContactRequest($"now a request {marker}", "2025-01-01T12:00:00", "test"));
        await client.ExpectAsync("contact_request_received");

        await fixture.Smtp.WaitForMessageAsync(m => m.TextBody?.Contains($"now a request {marker}", StringComparison.Ordinal) == true, MailTimeout);
        Assert.DoesNotContain(fixture.Smtp.Messages(), m => m.Message.TextBody?.Contains($"assistant {marker}", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Email_is_delivered_once_a_down_smtp_server_comes_up_while_the_webhook_is_not_held_back()
    {
        var port = LoopbackPort.Free();
        await using var webhook = await WebhookReceiver.StartAsync();
        var settings = EmailSettings(port);
        settings["Notifications:Webhook:Url"] = webhook.Url.ToString();
        settings["Notifications:Webhook:Secret"] = "a-secret-of-sixteen-chars";
        settings["Notifications:InitialBackoff"] = "00:00:00.200";
        settings["Notifications:MaxBackoff"] = "00:00:00.500";
        settings["Notifications:MaxAttempts"] = "60";
        var log = new ServerLogFile(informationFrom: "BlazorContact.Core.Notifications");
        await using var server = await ContactServer.StartAsync(settings.Concat(log.Settings).ToDictionary());
        await using var client = await server.ConnectAsync();
        var marker = Guid.NewGuid().ToString("N");

        await client.SendAsync(new ContactRequest($"anyone home? {marker}", "2025-01-01T12:00:00", "test", Email: "bob@example.com"));
        await client.ExpectAsync("contact_request_received");

        // Each notifier has its own queue: the webhook is not stuck behind email's retries.
        var hook = await webhook.NextAsync(TimeSpan.FromSeconds(5));
        Assert.Contains(marker, hook.Json.GetProperty("text").GetString());

        // Let email fail twice, then bring the SMTP server up on its port: a retry delivers.
        await Eventually.UntilAsync(() => log.Text().Contains("Notifier email failed attempt 2/", StringComparison.Ordinal), "email's second failed attempt");
        await using var smtp = await SmtpServerProcess.StartAsync(port);
        var received = await smtp.WaitForMessageAsync(m => m.TextBody?.Contains(marker, StringComparison.Ordinal) == true, MailTimeout);
        Assert.Equal("bob@example.com", Assert.Single(received.Message.ReplyTo.Mailboxes).Address);
        Assert.Single(smtp.Messages());
        log.Delete();
    }
}
