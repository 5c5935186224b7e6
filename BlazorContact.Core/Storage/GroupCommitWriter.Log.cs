using Microsoft.Extensions.Logging;

namespace BlazorContact.Core.Storage;

public partial class GroupCommitWriter<TTransaction>
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 101, Level = LogLevel.Error, Message = "Commit of a batch of {BatchSize} writes failed")]
        public static partial void CommitFailed(ILogger logger, int batchSize, Exception exception);

        [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "A batch of {BatchSize} writes failed on one of them; committing them one by one")]
        public static partial void RetryingOneByOne(ILogger logger, int batchSize, Exception exception);
    }
}
