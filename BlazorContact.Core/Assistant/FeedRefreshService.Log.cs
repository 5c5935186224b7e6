using Microsoft.Extensions.Logging;

namespace BlazorContact.Core.Assistant;

public partial class FeedRefreshService
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 505, Level = LogLevel.Information, Message = "Assistant read {FeedPostCount} posts from {FeedUrl}")]
        public static partial void FeedRead(ILogger logger, int feedPostCount, string? feedUrl);

        [LoggerMessage(EventId = 506, Level = LogLevel.Warning, Message = "Assistant could not read {FeedUrl}; the posts of the last good read stay in use")]
        public static partial void FeedFailed(ILogger logger, Exception exception, string? feedUrl);
    }
}
