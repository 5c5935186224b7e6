using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BlazorContact.Core.Protocol;

/// <summary>The one JSON setup for the wire: source-generated, snake_case, nulls omitted.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(IsoTimestampConverter)])]
[JsonSerializable(typeof(ServerMessage))]
[JsonSerializable(typeof(ClientMessage))]
public sealed partial class ProtocolJsonContext : JsonSerializerContext
{
    private static ProtocolJsonContext? _writing;

    /// <summary>
    /// The writers' instance. Chinese text and "+" go out as themselves, not \u escapes: a third the
    /// bytes for Chinese, and readable in any log. Safe here: frames are JSON over WebSocket, never inlined in HTML.
    /// </summary>
    /// <remarks>Made on first use: static initializers across this partial class's files run in no set order.</remarks>
    internal static ProtocolJsonContext Writing => _writing ??= new(
        new JsonSerializerOptions(Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
