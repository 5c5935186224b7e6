using Microsoft.Extensions.Logging;

namespace BlazorContact.Core.Notifications;

public partial class NotificationQueue
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Owner notifier {Notifier} is on: {Target}")]
        public static partial void NotifierOn(ILogger logger, string notifier, string target);

        [LoggerMessage(EventId = 405, Level = LogLevel.Information, Message = "Owner notifier {Notifier} is off (not configured)")]
        public static partial void NotifierOff(ILogger logger, string notifier);

        [LoggerMessage(EventId = 406, Level = LogLevel.Information, Message = "No owner notifier is configured: new requests show in the inbox only (see Notifications in appsettings.json)")]
        public static partial void AllOff(ILogger logger);
    }
}
