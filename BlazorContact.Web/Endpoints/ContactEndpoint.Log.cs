namespace BlazorContact.Web.Endpoints;

internal static partial class ContactEndpoint
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "Refused a WebSocket from origin {Origin}: not in Contact:AllowedOrigins")]
        public static partial void OriginRefused(ILogger logger, string origin);

        [LoggerMessage(EventId = 230, Level = LogLevel.Warning, Message = "Refused a WebSocket from {RemoteAddress} with 429: it holds Limits:ConnectionsPerIp connections")]
        public static partial void TooManyConnections(ILogger logger, string? remoteAddress);
    }
}
