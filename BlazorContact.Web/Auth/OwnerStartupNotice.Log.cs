namespace BlazorContact.Web.Auth;

internal partial class OwnerStartupNotice
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "Owner setup: open {SetupUrl} to choose the owner password (valid until a password is set or the server restarts)")]
        public static partial void SetupLink(ILogger logger, string setupUrl);

        [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "Owner sign-in: the password hash comes from {Source}")]
        public static partial void Source(ILogger logger, string source);
    }
}
