using System.Text.Json.Serialization;

namespace BlazorContact.Web.Auth;

/// <summary>Source-generated JSON for the owner API's answers, written like the protocol's: snake_case, nulls omitted.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(OwnerSessionsSummary))]
internal sealed partial class OwnerJsonContext : JsonSerializerContext;
