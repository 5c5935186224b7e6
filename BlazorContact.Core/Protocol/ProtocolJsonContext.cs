using System.Text.Json.Serialization;

namespace BlazorContact.Core.Protocol;

/// <summary>The one JSON setup for the wire: source-generated, snake_case, nulls omitted.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(IsoTimestampConverter)])]
[JsonSerializable(typeof(ServerMessage))]
public sealed partial class ProtocolJsonContext : JsonSerializerContext;
