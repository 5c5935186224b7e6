using Microsoft.Extensions.Logging;

namespace BlazorContact.Core.Fanout;

internal partial class ReplyCatchUp
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 30, Level = LogLevel.Information, Message = "Queued {Count} missed replies from the store ({Reason})")]
        public static partial void GapRepaired(ILogger logger, int count, string reason);

        [LoggerMessage(EventId = 31, Level = LogLevel.Warning, Message = "Catching up conversation {ConversationId} from the store failed")]
        public static partial void CatchUpFailed(ILogger logger, string conversationId, Exception exception);
    }
}
