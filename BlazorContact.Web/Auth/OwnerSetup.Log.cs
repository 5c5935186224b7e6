using System.Net;

namespace BlazorContact.Web.Auth;

public partial class OwnerSetup
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 307, Level = LogLevel.Warning, Message = "Owner setup refused from {RemoteAddress}: wrong or used setup token")]
        public static partial void Refused(ILogger logger, IPAddress? remoteAddress);

        [LoggerMessage(EventId = 308, Level = LogLevel.Information, Message = "Owner password set on the setup page from {RemoteAddress}")]
        public static partial void Completed(ILogger logger, IPAddress? remoteAddress);
    }
}
