namespace BlazorContact.Core.Protocol;

/// <summary>
/// The words the server says to visitors, in the configured culture. Chinese is the default, as in
/// the user's guide; English is the other choice.
/// </summary>
public sealed class ServerText
{
    public static ServerText Chinese { get; } = new()
    {
        ConnectionEstablished = "WebSocket连接已建立",
        ContactRequestReceived = "联系请求已收到，博主会尽快回复您",
        ChatMessageReceived = "消息已收到",
        Resumed = "会话已恢复",
        AssistantUnavailable = "抱歉，我暂时无法处理您的请求，请稍后再试。",
        InvalidJson = "消息格式错误：请发送有效的JSON对象",
        UnknownType = "未知的消息类型",
        MissingField = "缺少必需字段",
        InvalidField = "字段无效",
        MessageTooLong = "消息过长，最多 {0} 个字符",
        RateLimited = "发送太频繁，请稍后再试",
        Unavailable = "服务暂时不可用，消息未保存，请稍后重试",
        Internal = "服务器内部错误，请稍后再试",
        SessionUnknown = "会话已过期或不存在，已为您开始新的会话",
        PassedToOwner = "好的，已把您的问题转给博主，博主会尽快回复您。",
    };

    public static ServerText English { get; } = new()
    {
        ConnectionEstablished = "WebSocket connection established",
        ContactRequestReceived = "Contact request received; the owner will get back to you soon",
        ChatMessageReceived = "Message received",
        Resumed = "Conversation resumed",
        AssistantUnavailable = "Sorry, I can't handle your request right now. Please try again later.",
        InvalidJson = "Malformed message: send a valid JSON object",
        UnknownType = "Unknown message type",
        MissingField = "A required field is missing",
        InvalidField = "Invalid field",
        MessageTooLong = "The message is too long: at most {0} characters",
        RateLimited = "Too many messages; please slow down",
        Unavailable = "The service is temporarily unavailable; your message was not saved, please retry",
        Internal = "Internal server error; please try again later",
        SessionUnknown = "That conversation has expired or does not exist; a new one has started",
        PassedToOwner = "Done: your question has been passed to the owner, who will reply to you soon.",
    };

    public static IReadOnlyList<string> SupportedCultures { get; } = ["zh-CN", "zh", "en", "en-US"];

    public required string ConnectionEstablished { get; init; }
    public required string ContactRequestReceived { get; init; }
    public required string ChatMessageReceived { get; init; }
    public required string Resumed { get; init; }
    public required string AssistantUnavailable { get; init; }
    public required string InvalidJson { get; init; }
    public required string UnknownType { get; init; }
    public required string MissingField { get; init; }
    public required string InvalidField { get; init; }
    public required string MessageTooLong { get; init; }
    public required string RateLimited { get; init; }
    public required string Unavailable { get; init; }
    public required string Internal { get; init; }
    public required string SessionUnknown { get; init; }
    public required string PassedToOwner { get; init; }

    /// <summary>The texts for a culture name, or null when it is not supported.</summary>
    public static ServerText? For(string? culture) => culture?.ToUpperInvariant() switch
    {
        "ZH-CN" or "ZH" or "ZH-HANS" => Chinese,
        "EN" or "EN-US" or "EN-GB" => English,
        _ => null,
    };

    /// <summary>
    /// The person-readable text of an error: the localized summary, then the English detail that
    /// names the field, so a developer reading either language can fix the request.
    /// </summary>
    public string Describe(ProtocolError error, int maxMessageLength)
    {
        var summary = error.Code switch
        {
            ErrorCodes.InvalidJson => InvalidJson,
            ErrorCodes.UnknownType => UnknownType,
            ErrorCodes.MissingField => MissingField,
            ErrorCodes.InvalidField => InvalidField,
            ErrorCodes.MessageTooLong => string.Format(System.Globalization.CultureInfo.InvariantCulture, MessageTooLong, maxMessageLength),
            ErrorCodes.RateLimited => RateLimited,
            ErrorCodes.Unavailable => Unavailable,
            _ => Internal,
        };
        return error.Detail is null || error.Code is ErrorCodes.Internal or ErrorCodes.Unavailable or ErrorCodes.RateLimited or ErrorCodes.MessageTooLong
            ? summary
            : $"{summary}: {error.Detail}";
    }
}
