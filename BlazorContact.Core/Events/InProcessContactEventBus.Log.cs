using Microsoft.Extensions.Logging;

namespace BlazorContact.Core.Events;

public partial class InProcessContactEventBus
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 10, Level = LogLevel.Error, Message = "A {EventType} subscriber threw")]
        public static partial void SubscriberFailed(ILogger logger, string eventType, Exception exception);
    }
}
