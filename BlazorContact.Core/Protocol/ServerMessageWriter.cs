using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace BlazorContact.Core.Protocol;

/// <summary>Serializes server messages to UTF-8 frames, once, so a broadcast shares one buffer.</summary>
public static class ServerMessageWriter
{
    // Chinese text and "+" go out as themselves, not \u escapes: a third the bytes for Chinese, and
    // readable in any client's log. Safe here: frames are JSON over WebSocket, never inlined in HTML.
    private static readonly JsonTypeInfo<ServerMessage> TypeInfo = new ProtocolJsonContext(
        new JsonSerializerOptions(ProtocolJsonContext.Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).ServerMessage;

    /// <summary>The UTF-8 JSON of <paramref name="message"/>, with <c>type</c> as its first field.</summary>
    public static byte[] Write(ServerMessage message) => JsonSerializer.SerializeToUtf8Bytes(message, TypeInfo);
}
