using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace BlazorContact.Core.Protocol;

/// <summary>
/// Serializes client messages to UTF-8 frames, as a visitor's client sends them: the one way the
/// test clients, the bench, the <c>check</c> command and the Blazor widget build a frame, so none of
/// them writes JSON by hand. <see cref="ClientMessageParser"/> reads every frame it writes back into
/// an equal message.
/// </summary>
public static class ClientMessageWriter
{
    private static readonly JsonTypeInfo<ClientMessage> TypeInfo = ProtocolJsonContext.Writing.ClientMessage;

    /// <summary>The UTF-8 JSON of <paramref name="message"/>: <c>type</c> first, absent optional fields left out.</summary>
    public static byte[] Write(ClientMessage message) => JsonSerializer.SerializeToUtf8Bytes(message, TypeInfo);

    /// <summary>The <c>type</c> value <paramref name="message"/> is written with.</summary>
    public static string TypeOf(ClientMessage message) =>
        (string)TypeInfo.PolymorphismOptions!.DerivedTypes.First(derived => derived.DerivedType == message.GetType()).TypeDiscriminator!;

    /// <summary>
    /// A client timestamp as the guide's JavaScript client and the widget write it (<c>toISOString()</c>):
    /// UTC with milliseconds and "Z", e.g. <c>2025-01-01T12:00:00.000Z</c>.
    /// </summary>
    public static string FormatTimestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
