using Microsoft.Extensions.Logging;

namespace BlazorContact.Core.Replies;

public partial class PassOnToOwner
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 22, Level = LogLevel.Information, Message = "Unanswered question passed on as contact request {RequestId} (conversation {ConversationId})")]
        public static partial void PassedOn(ILogger logger, string conversationId, long requestId);
    }
}
