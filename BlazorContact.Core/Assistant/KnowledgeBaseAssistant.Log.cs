using Microsoft.Extensions.Logging;

namespace BlazorContact.Core.Assistant;

public partial class KnowledgeBaseAssistant
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 501, Level = LogLevel.Information, Message = "Assistant indexed {PostCount} posts as {PassageCount} passages from {ContentPath} and {FeedPostCount} feed posts")]
        public static partial void IndexBuilt(ILogger logger, int postCount, int passageCount, string contentPath, int feedPostCount);

        [LoggerMessage(EventId = 502, Level = LogLevel.Warning, Message = "Assistant content folder {ContentPath} does not exist; the assistant will answer that it found nothing")]
        public static partial void ContentFolderMissing(ILogger logger, string contentPath);

        [LoggerMessage(EventId = 503, Level = LogLevel.Warning, Message = "Assistant could not re-index {ContentPath}; the previous index stays in use")]
        public static partial void RebuildFailed(ILogger logger, Exception exception, string contentPath);

        [LoggerMessage(EventId = 504, Level = LogLevel.Warning, Message = "Assistant stopped receiving change notifications for {ContentPath}")]
        public static partial void WatcherFailed(ILogger logger, Exception exception, string contentPath);

        [LoggerMessage(EventId = 508, Level = LogLevel.Warning, Message = "Assistant read post {Url} only in part: {Problem}; it uses its first heading and file name instead")]
        public static partial void PostPartlyRead(ILogger logger, string url, string problem);
    }
}
