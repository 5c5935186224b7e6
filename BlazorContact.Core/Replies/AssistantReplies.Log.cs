using Microsoft.Extensions.Logging;

namespace BlazorContact.Core.Replies;

public partial class AssistantReplies
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "Assistant failed for conversation {ConversationId}; sent the fallback answer")]
        public static partial void AssistantFailed(ILogger logger, string conversationId, Exception exception);

        [LoggerMessage(EventId = 23, Level = LogLevel.Error, Message = "The answer to message {MessageId} (conversation {ConversationId}) could not be stored")]
        public static partial void ReplyNotStored(ILogger logger, string conversationId, long messageId, Exception exception);

        [LoggerMessage(EventId = 24, Level = LogLevel.Warning, Message = "Message {MessageId} (conversation {ConversationId}) was claimed but never answered (its instance stopped?); answering the resend")]
        public static partial void AnsweringAbandonedClaim(ILogger logger, string conversationId, long messageId);
    }
}
