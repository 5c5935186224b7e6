using System.Text.Json.Serialization;

namespace BlazorContact.Web.Api;

/// <summary>
/// Source-generated JSON for the owner API, written like the protocol's: snake_case, nulls omitted. Unknown
/// fields in a request body are refused, so a typo (<c>"txt"</c>) is a clear 400 rather than a silent empty reply.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(ApiTextBody))]
[JsonSerializable(typeof(ApiTokenBody))]
[JsonSerializable(typeof(ApiConversationList))]
[JsonSerializable(typeof(ApiConversationDetail))]
[JsonSerializable(typeof(ApiConversation))]
[JsonSerializable(typeof(ApiSearchResults))]
[JsonSerializable(typeof(ApiReplyCreated))]
[JsonSerializable(typeof(ApiAnnouncementSent))]
[JsonSerializable(typeof(ApiTokenList))]
[JsonSerializable(typeof(ApiTokenCreated))]
internal sealed partial class OwnerApiJsonContext : JsonSerializerContext;
