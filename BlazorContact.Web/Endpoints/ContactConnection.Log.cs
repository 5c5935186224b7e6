namespace BlazorContact.Web.Endpoints;

internal partial class ContactConnection
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 200, Level = LogLevel.Warning, Message = "Visitor {ClientId} fell {QueueLimit} frames behind; disconnected")]
        public static partial void SlowConsumer(ILogger logger, string clientId, int queueLimit);

        [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "Visitor {ClientId} sent a message over {MaxFrameBytes} bytes; closing with 1009")]
        public static partial void FrameTooLarge(ILogger logger, string clientId, int maxFrameBytes);

        [LoggerMessage(EventId = 231, Level = LogLevel.Information, Message = "Visitor {ClientId} sent nothing within {Timeout}; closing with 1008")]
        public static partial void Silent(ILogger logger, string clientId, TimeSpan timeout);
    }
}
