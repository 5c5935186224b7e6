namespace BlazorContact.Web.Components.Widget;

public partial class ChatWidget
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 602, Level = LogLevel.Error, Message = "Chat widget read loop failed")]
        public static partial void ReadLoopFailed(ILogger logger, Exception exception);
    }
}
