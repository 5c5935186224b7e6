using Microsoft.Extensions.Logging;

namespace BlazorContact.Core.Notifications;

internal partial class NotificationLane
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 401, Level = LogLevel.Information, Message = "Owner notified by {Notifier} of {EventName} in conversation {ConversationId} (attempt {Attempt})")]
        public static partial void Delivered(ILogger logger, string notifier, string eventName, string conversationId, int attempt);

        [LoggerMessage(EventId = 402, Level = LogLevel.Warning, Message = "Notifier {Notifier} failed attempt {Attempt}/{MaxAttempts} for {EventName} in conversation {ConversationId}: {Reason}; retrying in {DelaySeconds:0.###} s")]
        public static partial void AttemptFailed(ILogger logger, string notifier, string eventName, string conversationId, int attempt, int maxAttempts, double delaySeconds, string reason);

        [LoggerMessage(EventId = 403, Level = LogLevel.Error, Message = "Notifier {Notifier} gave up on {EventName} in conversation {ConversationId} after {Attempt} attempts: {Reason}")]
        public static partial void GaveUp(ILogger logger, string notifier, string eventName, string conversationId, int attempt, string reason, Exception exception);

        [LoggerMessage(EventId = 404, Level = LogLevel.Warning, Message = "Notification queue of {Notifier} is full ({Capacity}); dropped the oldest, {EventName} in conversation {ConversationId}")]
        public static partial void Dropped(ILogger logger, string notifier, int capacity, string eventName, string conversationId);
    }
}
