using System.Text.Json.Serialization;
using BlazorContact.Core.Protocol;

namespace BlazorContact.Core.Notifications;

/// <summary>Source-generated JSON of the webhook body: snake_case, nulls written, timestamps as on the wire.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    Converters = [typeof(IsoTimestampConverter)])]
[JsonSerializable(typeof(WebhookPayload))]
public sealed partial class NotificationJsonContext : JsonSerializerContext;
