using System.Text.Json;

namespace BlazorContact.Core.Protocol;

/// <summary>
/// Reads a server frame back into its record, for in-process clients (the Blazor widget) that share
/// the raw endpoint's queue and path through ContactService.
/// </summary>
public static class ServerMessageReader
{
    /// <summary>The message in <paramref name="utf8Frame"/>, or null when it is not a server message.</summary>
    public static ServerMessage? Read(ReadOnlySpan<byte> utf8Frame)
    {
        try
        {
            return JsonSerializer.Deserialize(utf8Frame, ProtocolJsonContext.Default.ServerMessage);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }
}
