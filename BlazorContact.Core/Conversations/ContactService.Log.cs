using Microsoft.Extensions.Logging;

namespace BlazorContact.Core.Conversations;

public partial class ContactService
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Visitor {ClientId} connected (conversation {ConversationId}, from {RemoteAddress})")]
        public static partial void Connected(ILogger logger, string clientId, string conversationId, string? remoteAddress);

        [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Visitor {ClientId} disconnected (conversation {ConversationId})")]
        public static partial void Disconnected(ILogger logger, string clientId, string conversationId);

        [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Rejected input from {ClientId}: {Code} {Field} {Detail}")]
        public static partial void Rejected(ILogger logger, string clientId, string code, string? field, string? detail);

        [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Contact request {RequestId} from {ClientId} (conversation {ConversationId})")]
        public static partial void ContactRequest(ILogger logger, string clientId, string conversationId, long requestId);

        [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Visitor {ClientId} resumed conversation {ConversationId} (was {PreviousConversationId}); replayed {Replayed}")]
        public static partial void Resumed(ILogger logger, string clientId, string previousConversationId, string conversationId, int replayed);

        [LoggerMessage(EventId = 7, Level = LogLevel.Error, Message = "Storage unavailable while handling {ClientId}")]
        public static partial void StorageUnavailable(ILogger logger, string clientId, Exception exception);

        [LoggerMessage(EventId = 8, Level = LogLevel.Error, Message = "Handling a message from {ClientId} failed")]
        public static partial void HandlerFailed(ILogger logger, string clientId, Exception exception);
    }
}
