using System.Net;

namespace BlazorContact.Web.Auth;

public partial class OwnerSignIn
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "Owner sign-in failed from {RemoteAddress}: wrong password ({RecentFailures} recent failures from there)")]
        public static partial void Failed(ILogger logger, IPAddress? remoteAddress, int recentFailures);

        [LoggerMessage(EventId = 303, Level = LogLevel.Warning, Message = "Owner sign-in locked out for {LockoutMinutes} minutes after repeated failures from {RemoteAddress}")]
        public static partial void LockoutStarted(ILogger logger, IPAddress? remoteAddress, int lockoutMinutes);

        [LoggerMessage(EventId = 304, Level = LogLevel.Warning, Message = "Owner sign-in refused from {RemoteAddress}: locked out for {RetryAfterSeconds} more seconds")]
        public static partial void Refused(ILogger logger, IPAddress? remoteAddress, int retryAfterSeconds);

        [LoggerMessage(EventId = 305, Level = LogLevel.Information, Message = "Owner signed in from {RemoteAddress}")]
        public static partial void SignedIn(ILogger logger, IPAddress? remoteAddress);

        [LoggerMessage(EventId = 306, Level = LogLevel.Information, Message = "Owner signed out from {RemoteAddress}")]
        public static partial void SignedOut(ILogger logger, IPAddress? remoteAddress);
    }
}
