using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BlazorContact.Core.Notifications;
using BlazorContact.Core.Protocol;
using BlazorContact.Tests.Support;

namespace BlazorContact.Tests.Notifications;

public sealed class WebhookNotificationTests
{
    private const string Secret = "test-secret-0123456789abcdef";

    internal static Dictionary<string, string?> WebhookSettings(Uri url, string? initialBackoff = null, int? maxAttempts = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Notifications:InboxUrl"] = "https://blog.example.com/inbox",
            ["Notifications:Webhook:Url"] = url.ToString(),
            ["Notifications:Webhook:Secret"] = Secret,
        };
        if (initialBackoff is not null)
        {
            settings["Notifications:InitialBackoff"] = initialBackoff;
            settings["Notifications:MaxBackoff"] = "00:00:01";
        }

        if (maxAttempts is not null)
        {
            settings["Notifications:MaxAttempts"] = maxAttempts.Value.ToString(CultureInfo.InvariantCulture);
        }

        return settings;
    }

    [Fact]
    public async Task Contact_request_is_posted_as_snake_case_json_signed_with_the_secret()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await ContactServer.StartAsync(WebhookSettings(receiver.Url));
        await using var client = await server.ConnectAsync();
        await client.SendAsync(new ContactRequest(
            "你好，我想咨询技术问题", "2025-01-01T12:00:00", "Python客户端", Name: "Ada", Email: "ada@example.com", Page: "/posts/hello"));
        var ack = await client.ExpectAsync("contact_request_received");

        var hook = await receiver.NextAsync();

        // The signature, checked the way a receiver would: HMAC-SHA256 of the raw body, hex.
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), hook.Body));
        Assert.Equal(expected, hook.Signature);
        Assert.True(WebhookSignature.Verify(Secret, hook.Body, hook.Signature));
        Assert.False(WebhookSignature.Verify("another-secret-0123456789", hook.Body, hook.Signature));
        Assert.Equal("contact_request", hook.Event);
        Assert.StartsWith("application/json", hook.ContentType);

        var json = hook.Json;
        Assert.Equal("contact_request", json.GetProperty("event").GetString());
        Assert.Equal(client.ConversationId, json.GetProperty("conversation_id").GetString());
        Assert.Equal(ack.GetProperty("request_id").GetInt64(), json.GetProperty("request_id").GetInt64());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("message_id").ValueKind);
        Assert.Equal("你好，我想咨询技术问题", json.GetProperty("text").GetString());
        Assert.Equal("Ada", json.GetProperty("visitor_name").GetString());
        Assert.Equal("ada@example.com", json.GetProperty("visitor_email").GetString());
        Assert.Equal("/posts/hello", json.GetProperty("page").GetString());
        Assert.Equal("Python客户端", json.GetProperty("user_agent").GetString());
        var at = DateTimeOffset.Parse(json.GetProperty("at").GetString()!, CultureInfo.InvariantCulture);
        Assert.InRange(DateTimeOffset.UtcNow - at, TimeSpan.Zero, TimeSpan.FromSeconds(30));
        Assert.Equal($"https://blog.example.com/inbox?c={client.ConversationId}", json.GetProperty("inbox_url").GetString());
    }

    [Fact]
    public async Task A_receiver_that_fails_twice_gets_the_same_signed_body_on_the_third_attempt()
    {
        await using var receiver = await WebhookReceiver.StartAsync((n, _) => Task.FromResult(n <= 2 ? 500 : 200));
        var log = new ServerLogFile(informationFrom: "BlazorContact.Core.Notifications");
        await using var server = await ContactServer.StartAsync(WebhookSettings(receiver.Url, initialBackoff: "00:00:00.100").Concat(log.Settings).ToDictionary());
        await using var client = await server.ConnectAsync();
        await client.SendAsync(new ContactRequest("retry me", "2025-01-01T12:00:00", "test"));
        await client.ExpectAsync("contact_request_received");

        var first = await receiver.NextAsync();
        var second = await receiver.NextAsync();
        var third = await receiver.NextAsync();

        Assert.Equal(first.Body, second.Body);
        Assert.Equal(first.Body, third.Body);
        Assert.True(WebhookSignature.Verify(Secret, third.Body, third.Signature));
        // Backoff 100 ms then 200 ms, each ±20% jitter.
        Assert.True(second.ReceivedAt - first.ReceivedAt >= TimeSpan.FromMilliseconds(75), $"second attempt after {(second.ReceivedAt - first.ReceivedAt).TotalMilliseconds} ms");
        Assert.True(third.ReceivedAt - second.ReceivedAt >= TimeSpan.FromMilliseconds(155), $"third attempt after {(third.ReceivedAt - second.ReceivedAt).TotalMilliseconds} ms");
        // Delivered on the third attempt: the lane says so once the answer is in, and moves on.
        await Eventually.UntilAsync(() => log.Text().Contains("Owner notified by webhook", StringComparison.Ordinal), "the webhook delivery to be logged");
        Assert.Contains("(attempt 3)", log.Text());
        Assert.Equal(3, receiver.Count);
        log.Delete();
    }

    [Fact]
    public async Task A_receiver_that_always_fails_is_given_up_after_MaxAttempts()
    {
        await using var receiver = await WebhookReceiver.StartAsync((_, _) => Task.FromResult(503));
        var log = new ServerLogFile(informationFrom: "BlazorContact.Core.Notifications");
        await using var server = await ContactServer.StartAsync(WebhookSettings(receiver.Url, initialBackoff: "00:00:00.050", maxAttempts: 3).Concat(log.Settings).ToDictionary());
        await using var client = await server.ConnectAsync();
        await client.SendAsync(new ContactRequest("nobody listens", "2025-01-01T12:00:00", "test"));
        await client.ExpectAsync("contact_request_received");

        for (var i = 0; i < 3; i++)
        {
            await receiver.NextAsync();
        }

        // Once the lane has given up, no attempt can follow.
        await Eventually.UntilAsync(() => log.Text().Contains("Notifier webhook gave up", StringComparison.Ordinal), "the webhook lane to give up");
        Assert.Contains("after 3 attempts", log.Text());
        Assert.Equal(3, receiver.Count);
        log.Delete();
    }
}
