namespace BlazorContact.Web.Components.Inbox;

public partial class ApiTokensDialog
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 326, Level = LogLevel.Error, Message = "API token action in the inbox failed")]
        public static partial void TokenActionFailed(ILogger logger, Exception exception);
    }
}
