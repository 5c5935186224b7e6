using Microsoft.Extensions.Logging;

namespace BlazorContact.Core.Storage;

public partial class SqliteConversationStore
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "SQLite store opened at {Path} (schema version {SchemaVersion})")]
        public static partial void Opened(ILogger logger, string path, int schemaVersion);

        [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "Copied {Count} Data Protection keys from {Folder} into the database")]
        public static partial void KeyRingImported(ILogger logger, int count, string folder);
    }
}
