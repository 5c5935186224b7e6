using Microsoft.Extensions.Logging;

namespace BlazorContact.Core.Fanout;

public partial class InProcessConversationFanout
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Announcement queued to {Count} visitors")]
        public static partial void Announced(ILogger logger, int count);
    }
}
