using System.Text.Json.Serialization;

namespace BlazorContact.Core.Backplane;

/// <summary>The backplane's wire types, serialized without reflection.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(BackplaneEnvelope))]
[JsonSerializable(typeof(Dictionary<string, int>))]
internal sealed partial class BackplaneJsonContext : JsonSerializerContext;
