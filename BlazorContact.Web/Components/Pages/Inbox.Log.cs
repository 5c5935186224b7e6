namespace BlazorContact.Web.Components.Pages;

public partial class Inbox
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 600, Level = LogLevel.Error, Message = "Inbox refresh failed")]
        public static partial void RefreshFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 601, Level = LogLevel.Error, Message = "Owner reply to {ConversationId} failed")]
        public static partial void ReplyFailed(ILogger logger, string conversationId, Exception exception);
    }
}
