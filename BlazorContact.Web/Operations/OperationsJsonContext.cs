using System.Text.Json.Serialization;

namespace BlazorContact.Web.Operations;

/// <summary>The JSON of <c>/healthz</c> and <c>/readyz</c>, source-generated like every other wire type.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(HealthAnswer))]
[JsonSerializable(typeof(ReadyAnswer))]
internal sealed partial class OperationsJsonContext : JsonSerializerContext;
