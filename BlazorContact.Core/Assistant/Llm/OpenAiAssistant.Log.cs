using Microsoft.Extensions.Logging;

namespace BlazorContact.Core.Assistant.Llm;

public partial class OpenAiAssistant
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 511, Level = LogLevel.Warning, Message = "LLM reply limit reached for conversation {ConversationId}; sent the built-in answer")]
        public static partial void QuotaReached(ILogger logger, string conversationId);

        [LoggerMessage(EventId = 512, Level = LogLevel.Warning, Message = "LLM did not answer conversation {ConversationId} within {Timeout}; sent the built-in answer")]
        public static partial void TimedOut(ILogger logger, string conversationId, TimeSpan timeout);

        [LoggerMessage(EventId = 513, Level = LogLevel.Warning, Message = "LLM failed for conversation {ConversationId}; sent the built-in answer")]
        public static partial void Failed(ILogger logger, string conversationId, Exception exception);

        [LoggerMessage(EventId = 515, Level = LogLevel.Information, Message = "Assistant answers with LLM {Model} at {Endpoint}, falling back to the built-in answer")]
        public static partial void Enabled(ILogger logger, string? model, string? endpoint);

        [LoggerMessage(EventId = 514, Level = LogLevel.Warning, Message = "LLM returned an empty reply for conversation {ConversationId}; sent the built-in answer")]
        public static partial void Empty(ILogger logger, string conversationId);
    }
}
