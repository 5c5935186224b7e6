using System.Globalization;
using System.Text.Json;

namespace BlazorContact.Core.Protocol;

/// <summary>
/// Turns one UTF-8 text frame into a validated <see cref="ClientMessage"/> or a <see cref="ProtocolError"/>.
/// Pure: no socket, clock or logger, so the whole protocol is testable without a network.
/// </summary>
public static class ClientMessageParser
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16 };

    /// <summary>Parses and validates a frame. Unknown extra fields are ignored, as the protocol says.</summary>
    public static ParseResult Parse(ReadOnlyMemory<byte> utf8Frame, ProtocolLimits limits)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Frame, DocumentOptions);
        }
        catch (JsonException)
        {
            return new ProtocolError(ErrorCodes.InvalidJson, Detail: "The frame is not valid JSON.");
        }

        using (document)
        {
            try
            {
                return ParseRoot(document.RootElement, limits);
            }
            catch (InvalidOperationException)
            {
                // JsonDocument accepts an escaped lone surrogate ("\ud800") and throws only when the text is
                // unescaped: in a property name compared by TryGetProperty. Field values are read by TryReadText.
                return new ProtocolError(ErrorCodes.InvalidJson, Detail: "The frame contains an unpaired surrogate escape.");
            }
        }
    }

    private static ParseResult ParseRoot(JsonElement root, ProtocolLimits limits)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new ProtocolError(ErrorCodes.InvalidJson, Detail: "The frame must be a JSON object.");
        }

        if (!root.TryGetProperty("type", out var typeElement))
        {
            return Missing("type");
        }

        if (typeElement.ValueKind != JsonValueKind.String)
        {
            return Invalid("type", "must be a string");
        }

        if (!TryReadText(typeElement, out var type))
        {
            return Invalid("type", TextRule);
        }

        return type switch
        {
            MessageTypes.ContactRequest => ParseContactRequest(root, limits),
            MessageTypes.ChatMessage => ParseChatMessage(root, limits),
            MessageTypes.Ping => Ping.Instance,
            MessageTypes.Resume => ParseResume(root),
            MessageTypes.History => ParseHistory(root),
            var other => new ProtocolError(ErrorCodes.UnknownType, "type", $"Unknown message type '{Truncate(other, 40)}'."),
        };
    }

    private static ParseResult ParseContactRequest(JsonElement root, ProtocolLimits limits)
    {
        if (ReadMessage(root, limits, out var message) is { } messageError)
        {
            return messageError;
        }

        if (ReadTimestamp(root, out var timestamp) is { } timestampError)
        {
            return timestampError;
        }

        if (ReadString(root, "userAgent", required: true, ProtocolLimits.MaxUserAgentLength, out var userAgent) is { } agentError)
        {
            return agentError;
        }

        if (ReadString(root, "name", required: false, ProtocolLimits.MaxNameLength, out var name) is { } nameError)
        {
            return nameError;
        }

        if (ReadString(root, "email", required: false, ProtocolLimits.MaxEmailLength, out var email) is { } emailError)
        {
            return emailError;
        }

        if (!string.IsNullOrWhiteSpace(email) && !LooksLikeEmail(email))
        {
            return Invalid("email", "must be an email address like name@example.com");
        }

        if (ReadString(root, "page", required: false, ProtocolLimits.MaxPageLength, out var page) is { } pageError)
        {
            return pageError;
        }

        return new ContactRequest(message, timestamp, userAgent!, NullIfBlank(name), NullIfBlank(email), NullIfBlank(page));
    }

    private static ParseResult ParseChatMessage(JsonElement root, ProtocolLimits limits)
    {
        if (ReadMessage(root, limits, out var message) is { } messageError)
        {
            return messageError;
        }

        if (ReadTimestamp(root, out var timestamp) is { } timestampError)
        {
            return timestampError;
        }

        string? clientMessageId = null;
        if (root.TryGetProperty("client_message_id", out var idElement))
        {
            // Numbers are accepted too: a JS client may use a counter. Both become the same string key.
            clientMessageId = idElement.ValueKind switch
            {
                JsonValueKind.String => TryReadText(idElement, out var text) ? text : "\0invalid",
                JsonValueKind.Number => idElement.GetRawText(),
                JsonValueKind.Null => null,
                _ => "\0invalid",
            };
            if (clientMessageId == "\0invalid" || (clientMessageId is not null && string.IsNullOrWhiteSpace(clientMessageId)) || clientMessageId?.Length > ProtocolLimits.MaxClientMessageIdLength)
            {
                return Invalid("client_message_id", $"must be a non-blank string of at most {ProtocolLimits.MaxClientMessageIdLength} characters");
            }
        }

        var stream = false;
        if (root.TryGetProperty("stream", out var streamElement))
        {
            switch (streamElement.ValueKind)
            {
                case JsonValueKind.True:
                    stream = true;
                    break;
                case JsonValueKind.False or JsonValueKind.Null:
                    break;
                default:
                    return Invalid("stream", "must be true or false");
            }
        }

        return new ChatMessage(message, timestamp, clientMessageId) { Stream = stream };
    }

    private static ParseResult ParseResume(JsonElement root)
    {
        if (ReadString(root, "session_token", required: true, ProtocolLimits.MaxSessionTokenLength, out var token) is { } tokenError)
        {
            return tokenError;
        }

        if (string.IsNullOrWhiteSpace(token))
        {
            return Invalid("session_token", "must not be empty");
        }

        long lastMessageId = 0;
        if (root.TryGetProperty("last_message_id", out var lastElement) && lastElement.ValueKind != JsonValueKind.Null)
        {
            if (lastElement.ValueKind != JsonValueKind.Number || !lastElement.TryGetInt64(out lastMessageId) || lastMessageId < 0)
            {
                return Invalid("last_message_id", "must be a non-negative integer");
            }
        }

        return new Resume(token, lastMessageId);
    }

    private static ParseResult ParseHistory(JsonElement root)
    {
        long? before = null;
        if (root.TryGetProperty("before_message_id", out var beforeElement) && beforeElement.ValueKind != JsonValueKind.Null)
        {
            if (beforeElement.ValueKind != JsonValueKind.Number || !beforeElement.TryGetInt64(out var value) || value < 1)
            {
                return Invalid("before_message_id", "must be a positive integer");
            }

            before = value;
        }

        var limit = HistoryRequest.DefaultLimit;
        if (root.TryGetProperty("limit", out var limitElement) && limitElement.ValueKind != JsonValueKind.Null)
        {
            if (limitElement.ValueKind != JsonValueKind.Number || !limitElement.TryGetInt32(out limit) || limit is < 1 or > HistoryRequest.MaxLimit)
            {
                return Invalid("limit", $"must be an integer from 1 to {HistoryRequest.MaxLimit}");
            }
        }

        return new HistoryRequest(before, limit);
    }

    private static ProtocolError? ReadMessage(JsonElement root, ProtocolLimits limits, out string message)
    {
        message = "";
        if (!root.TryGetProperty("message", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return Missing("message");
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            return Invalid("message", "must be a string");
        }

        if (!TryReadText(element, out var text))
        {
            return Invalid("message", TextRule);
        }

        message = text.Trim();
        if (message.Length == 0)
        {
            return Invalid("message", "must not be empty");
        }

        // Counted in Unicode code points, so an emoji is one character like a Chinese character is.
        if (message.Length > limits.MaxMessageLength && CountCodePoints(message) > limits.MaxMessageLength)
        {
            return new ProtocolError(ErrorCodes.MessageTooLong, "message", $"The message is longer than {limits.MaxMessageLength} characters.");
        }

        return null;
    }

    private static ProtocolError? ReadTimestamp(JsonElement root, out string timestamp)
    {
        timestamp = "";
        if (ReadString(root, "timestamp", required: true, ProtocolLimits.MaxTimestampLength, out var raw) is { } error)
        {
            return error;
        }

        // Kept exactly as given, but it must be a date: "2025-01-01T12:00:00" (Python isoformat) and
        // "2025-01-01T12:00:00.000Z" (JS toISOString) both are.
        if (!DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
        {
            return Invalid("timestamp", "must be an ISO-8601 date and time, e.g. 2025-01-01T12:00:00Z");
        }

        timestamp = raw!;
        return null;
    }

    private static ProtocolError? ReadString(JsonElement root, string field, bool required, int maxLength, out string? value)
    {
        value = null;
        if (!root.TryGetProperty(field, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return required ? Missing(field) : null;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            return Invalid(field, "must be a string");
        }

        if (!TryReadText(element, out var text))
        {
            return Invalid(field, TextRule);
        }

        value = text;
        return value.Length > maxLength ? Invalid(field, $"must be at most {maxLength} characters") : null;
    }

    /// <summary>
    /// Reads a string value, refusing NUL and unpaired surrogates: PostgreSQL rejects U+0000 in text
    /// while SQLite stores it, and a lone surrogate has no UTF-8 form, so such text is refused the same
    /// way on every provider instead of being stored by one and failing on another. Other control
    /// characters (tab, newline, bidi controls) are kept; the inbox renders them as inert text.
    /// </summary>
    private static bool TryReadText(JsonElement element, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? text)
    {
        try
        {
            text = element.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate such as "\ud800": valid JSON, but not text.
            text = null;
            return false;
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            text = null;
            return false;
        }

        return true;
    }

    private static bool LooksLikeEmail(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == email.LastIndexOf('@') && email.IndexOf('.', at) > at + 1
            && !email.EndsWith('.') && !email.Any(char.IsWhiteSpace);
    }

    private static int CountCodePoints(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Truncate(string? value, int length) =>
        value is null ? "" : value.Length <= length ? value : value[..length];

    private const string TextRule = "must not contain NUL (U+0000) or an unpaired surrogate";

    private static ProtocolError Missing(string field) =>
        new(ErrorCodes.MissingField, field, $"The field '{field}' is required.");

    private static ProtocolError Invalid(string field, string rule) =>
        new(ErrorCodes.InvalidField, field, $"The field '{field}' {rule}.");
}
