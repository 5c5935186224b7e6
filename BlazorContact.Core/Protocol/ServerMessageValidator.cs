using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Unicode;

namespace BlazorContact.Core.Protocol;

/// <summary>
/// Checks one server → client frame against PROTOCOL.md: the shape every client may rely on. The
/// counterpart of <see cref="ClientMessageParser"/> for the other direction, and pure like it. The
/// <c>check</c> command runs every reply of a deployment through it, and the tests run every message
/// <see cref="ServerMessageWriter"/> writes through it, so the server and the spec can't drift apart.
/// Unknown extra fields are allowed: the protocol grows by adding fields.
/// </summary>
public static partial class ServerMessageValidator
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16 };

    /// <summary>The problems of a UTF-8 frame, each naming its field; empty when the frame is valid.</summary>
    public static IReadOnlyList<string> Validate(ReadOnlyMemory<byte> utf8Frame)
    {
        // JsonDocument decodes strings lazily, so bad bytes in a field nobody reads would slip through.
        if (!Utf8.IsValid(utf8Frame.Span))
        {
            return ["the frame is not valid UTF-8"];
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Frame, DocumentOptions);
        }
        catch (JsonException ex)
        {
            return [$"the frame is not valid JSON ({ex.Message})"];
        }

        using (document)
        {
            return Validate(document.RootElement);
        }
    }

    /// <summary>The problems of a parsed message, each naming its field; empty when the message is valid.</summary>
    public static IReadOnlyList<string> Validate(JsonElement message)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            return [$"the frame must be a JSON object, not {Describe(message.ValueKind)}"];
        }

        var problems = new List<string>();
        CheckTimestamp(message, problems);
        if (!message.TryGetProperty("type", out var typeElement))
        {
            problems.Insert(0, "'type' is missing");
            return problems;
        }

        if (typeElement.ValueKind != JsonValueKind.String)
        {
            problems.Insert(0, $"'type' must be a string, got {Shorten(typeElement)}");
            return problems;
        }

        switch (typeElement.GetString())
        {
            case MessageTypes.ConnectionEstablished:
                RequireString(message, "message", problems);
                RequireUuid(message, "client_id", problems);
                RequireString(message, "session_token", problems, nonEmpty: true);
                RequireString(message, "conversation_id", problems, nonEmpty: true);
                break;
            case MessageTypes.ContactRequestReceived:
                RequireString(message, "message", problems);
                RequireInteger(message, "request_id", problems);
                break;
            case MessageTypes.ChatMessageReceived:
                RequireString(message, "message", problems);
                RequireInteger(message, "message_id", problems, minimum: 1);
                OptionalString(message, "client_message_id", problems);
                break;
            case MessageTypes.Resumed:
                RequireString(message, "message", problems);
                RequireString(message, "conversation_id", problems, nonEmpty: true);
                RequireString(message, "client_id", problems, nonEmpty: true);
                RequireInteger(message, "replayed", problems, minimum: 0);
                break;
            case MessageTypes.ChatMessage:
                RequireString(message, "message", problems, nonEmpty: true);
                RequireSender(message, problems);
                RequireInteger(message, "message_id", problems, minimum: 1);
                OptionalInteger(message, "reply_to", problems);
                break;
            case MessageTypes.Pong:
                break;
            case MessageTypes.Announcement:
                RequireString(message, "message", problems);
                break;
            case MessageTypes.Error:
                RequireString(message, "message", problems);
                RequireErrorCode(message, problems);
                break;
            case MessageTypes.History:
                RequireString(message, "conversation_id", problems, nonEmpty: true);
                CheckHistoryEntries(message, problems);
                break;
            case MessageTypes.ChatMessageDelta:
                RequireInteger(message, "reply_to", problems, minimum: 1);
                RequireString(message, "delta", problems, nonEmpty: true);
                break;
            case var other:
                problems.Insert(0, $"'type' is \"{Shorten(other!)}\", which is not a server message type");
                break;
        }

        return problems;
    }

    private static void CheckTimestamp(JsonElement message, List<string> problems)
    {
        if (RequireString(message, "timestamp", problems) is not { } timestamp)
        {
            return;
        }

        // The shape is checked first because DateTimeOffset.TryParse would also take "2025-01-01 12:00"
        // and silently assume a local offset, which is the very thing a client can't work with.
        if (!IsoTimestampWithOffset().IsMatch(timestamp)
            || !DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            problems.Add($"'timestamp' must be ISO-8601 with an offset, like 2025-01-01T12:00:00.123+00:00, got \"{Shorten(timestamp)}\"");
        }
    }

    private static string? RequireString(JsonElement message, string field, List<string> problems, bool nonEmpty = false)
    {
        if (!message.TryGetProperty(field, out var element))
        {
            problems.Add($"'{field}' is missing");
            return null;
        }

        return CheckString(element, field, problems, nonEmpty);
    }

    private static void OptionalString(JsonElement message, string field, List<string> problems)
    {
        // Present means a value: the server leaves absent fields out rather than writing null.
        if (message.TryGetProperty(field, out var element))
        {
            CheckString(element, field, problems, nonEmpty: true);
        }
    }

    private static string? CheckString(JsonElement element, string field, List<string> problems, bool nonEmpty)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            problems.Add($"'{field}' must be a string, got {Shorten(element)}");
            return null;
        }

        var value = element.GetString()!;
        if (nonEmpty && string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"'{field}' must not be empty");
            return null;
        }

        return value;
    }

    private static void RequireUuid(JsonElement message, string field, List<string> problems)
    {
        if (RequireString(message, field, problems) is { } value && !Guid.TryParseExact(value, "D", out _))
        {
            problems.Add($"'{field}' must be a UUID like 3f2504e0-4f89-11d3-9a0c-0305e82c3301, got \"{Shorten(value)}\"");
        }
    }

    private static void RequireInteger(JsonElement message, string field, List<string> problems, long? minimum = null)
    {
        if (!message.TryGetProperty(field, out var element))
        {
            problems.Add($"'{field}' is missing");
            return;
        }

        CheckInteger(element, field, problems, minimum);
    }

    private static void OptionalInteger(JsonElement message, string field, List<string> problems)
    {
        if (message.TryGetProperty(field, out var element))
        {
            CheckInteger(element, field, problems, minimum: null);
        }
    }

    private static void CheckInteger(JsonElement element, string field, List<string> problems, long? minimum)
    {
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out var value))
        {
            problems.Add($"'{field}' must be an integer, got {Shorten(element)}");
        }
        else if (value < minimum)
        {
            problems.Add($"'{field}' must be {(minimum == 1 ? "> 0" : $"≥ {minimum}")}, got {value}");
        }
    }

    private static void CheckHistoryEntries(JsonElement message, List<string> problems)
    {
        if (!message.TryGetProperty("messages", out var entries) || entries.ValueKind != JsonValueKind.Array)
        {
            problems.Add("'messages' must be an array");
            return;
        }

        if (!message.TryGetProperty("has_more", out var hasMore) || hasMore.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            problems.Add("'has_more' must be true or false");
        }

        foreach (var entry in entries.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object)
            {
                problems.Add("each of 'messages' must be an object");
                continue;
            }

            RequireInteger(entry, "message_id", problems, minimum: 1);
            RequireString(entry, "message", problems, nonEmpty: true);
            OptionalInteger(entry, "reply_to", problems);
            OptionalString(entry, "client_message_id", problems);
            CheckTimestamp(entry, problems);
            if (RequireString(entry, "sender", problems) is { } sender && sender is not (Senders.Visitor or Senders.Assistant or Senders.Owner))
            {
                problems.Add($"history 'sender' must be visitor, assistant or owner, got \"{Shorten(sender)}\"");
            }
        }
    }

    private static void RequireSender(JsonElement message, List<string> problems)
    {
        if (RequireString(message, "sender", problems) is { } sender && sender is not (Senders.Assistant or Senders.Owner))
        {
            problems.Add($"'sender' must be \"{Senders.Assistant}\" or \"{Senders.Owner}\", got \"{Shorten(sender)}\"");
        }
    }

    private static void RequireErrorCode(JsonElement message, List<string> problems)
    {
        if (RequireString(message, "code", problems) is { } code && !ErrorCodes.All.Contains(code))
        {
            problems.Add($"'code' must be one of {string.Join(", ", ErrorCodes.All.Order(StringComparer.Ordinal))}, got \"{Shorten(code)}\"");
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static string Shorten(JsonElement element) => Shorten(element.GetRawText());

    private static string Shorten(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");

    // Seconds required; no fraction, or 3 (JS toISOString) or 6 (Python isoformat) digits, the lengths
    // Python's datetime.fromisoformat takes on every version; then Z or ±HH:MM (PROTOCOL.md allows Z,
    // which Python takes from 3.11; the server itself writes +00:00).
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3}|\.\d{6})?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoTimestampWithOffset();
}
