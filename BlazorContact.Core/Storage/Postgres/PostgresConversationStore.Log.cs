using Microsoft.Extensions.Logging;

namespace BlazorContact.Core.Storage.Postgres;

public partial class PostgresConversationStore
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 110, Level = LogLevel.Information, Message = "PostgreSQL store opened on {Host}, database {Database} (schema version {SchemaVersion})")]
        public static partial void Opened(ILogger logger, string host, string database, int schemaVersion);

        [LoggerMessage(EventId = 111, Level = LogLevel.Information, Message = "Applied PostgreSQL schema migration {Version}")]
        public static partial void Migrated(ILogger logger, int version);

        [LoggerMessage(EventId = 112, Level = LogLevel.Warning, Message = "The PostgreSQL writer connection was lost; opening a new one")]
        public static partial void WriterReconnecting(ILogger logger, Exception? exception);
    }
}
