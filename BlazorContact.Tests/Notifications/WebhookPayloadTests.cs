using System.Text.Json;
using BlazorContact.Core.Notifications;

namespace BlazorContact.Tests.Notifications;

public sealed class WebhookPayloadTests
{
    [Fact]
    public void Body_has_every_field_in_snake_case_with_nulls_written_out()
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(WebhookPayload.From(OwnerNotificationTests.ContactRequest()), NotificationJsonContext.Default.WebhookPayload);
        var json = JsonDocument.Parse(body).RootElement;

        Assert.Equal(
            ["event", "conversation_id", "request_id", "message_id", "text", "visitor_name", "visitor_email", "page", "user_agent", "at", "inbox_url"],
            json.EnumerateObject().Select(p => p.Name));
        Assert.Equal("contact_request", json.GetProperty("event").GetString());
        Assert.Equal(7, json.GetProperty("request_id").GetInt64());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("message_id").ValueKind);
        Assert.Equal("你好，我想咨询技术问题", json.GetProperty("text").GetString());
        Assert.Equal("2025-01-01T12:00:00.000+00:00", json.GetProperty("at").GetString());
    }
}
