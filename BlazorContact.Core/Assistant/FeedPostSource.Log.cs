using Microsoft.Extensions.Logging;

namespace BlazorContact.Core.Assistant;

public partial class FeedPostSource
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 507, Level = LogLevel.Warning, Message = "Assistant could not read page {PageUrl} listed by the sitemap; it is left out of the index")]
        public static partial void PageFailed(ILogger logger, Exception exception, string pageUrl);
    }
}
