using System.Text.Json;

namespace BlazorContact.Tests.Notifications;

/// <summary>One request the test webhook receiver got: the raw body and the headers that matter.</summary>
public sealed record ReceivedWebhook(int Number, byte[] Body, string Signature, string Event, string? ContentType, DateTimeOffset ReceivedAt)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();
}
