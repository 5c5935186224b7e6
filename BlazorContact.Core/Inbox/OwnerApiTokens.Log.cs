using Microsoft.Extensions.Logging;

namespace BlazorContact.Core.Inbox;

public partial class OwnerApiTokens
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 320, Level = LogLevel.Information, Message = "Owner API token {TokenId} ({TokenName}) created")]
        public static partial void Created(ILogger logger, long tokenId, string tokenName);

        [LoggerMessage(EventId = 321, Level = LogLevel.Information, Message = "Owner API token {TokenId} revoked")]
        public static partial void Revoked(ILogger logger, long tokenId);
    }
}
