using System.Net;
using BlazorContact.Core.Inbox;

namespace BlazorContact.Web.Api;

public partial class OwnerApiTokenHandler
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 322, Level = LogLevel.Warning, Message = "Owner API token refused from {RemoteAddress}: {Outcome} (token {TokenId})")]
        public static partial void Refused(ILogger logger, IPAddress? remoteAddress, OwnerApiTokenCheckOutcome outcome, long? tokenId);

        [LoggerMessage(EventId = 323, Level = LogLevel.Error, Message = "Owner API token from {RemoteAddress} could not be checked: storage unavailable")]
        public static partial void StorageUnavailable(ILogger logger, IPAddress? remoteAddress, Exception exception);
    }
}
