using System.Net;

namespace BlazorContact.Web.Api;

public static partial class OwnerApiEndpoints
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 324, Level = LogLevel.Warning, Message = "Owner API {Method} {Path} refused from {RemoteAddress}: cookie without the CSRF header")]
        public static partial void CsrfRefused(ILogger logger, string method, PathString path, IPAddress? remoteAddress);

        [LoggerMessage(EventId = 325, Level = LogLevel.Error, Message = "Owner API {Method} {Path} failed: storage unavailable")]
        public static partial void StorageUnavailable(ILogger logger, string method, PathString path, Exception exception);
    }
}
