using System.Text.Json;

namespace BlazorContact.Core.Protocol;

/// <summary>Serializes server messages to UTF-8 frames, once, so a broadcast shares one buffer.</summary>
public static class ServerMessageWriter
{
    /// <summary>The UTF-8 JSON of <paramref name="message"/>, with <c>type</c> as its first field.</summary>
    public static byte[] Write(ServerMessage message) => JsonSerializer.SerializeToUtf8Bytes(message, ProtocolJsonContext.Writing.ServerMessage);
}
