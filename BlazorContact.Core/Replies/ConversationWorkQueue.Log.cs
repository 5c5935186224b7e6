using Microsoft.Extensions.Logging;

namespace BlazorContact.Core.Replies;

public partial class ConversationWorkQueue
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 20, Level = LogLevel.Error, Message = "Answer work for conversation {ConversationId} failed")]
        public static partial void WorkFailed(ILogger logger, string conversationId, Exception exception);

        [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "Answer work for conversation {ConversationId} was cancelled by shutdown; the visitor's message is stored and will be answered on a resend")]
        public static partial void Abandoned(ILogger logger, string conversationId);
    }
}
