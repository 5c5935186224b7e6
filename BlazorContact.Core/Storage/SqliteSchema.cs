using Microsoft.Data.Sqlite;

namespace BlazorContact.Core.Storage;

/// <summary>
/// The SQLite schema as numbered migrations; <c>PRAGMA user_version</c> records how far a file got,
/// so start-up applies only the missing steps.
/// </summary>
internal static class SqliteSchema
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE conversations (
            id               TEXT PRIMARY KEY,
            session_token    TEXT NOT NULL UNIQUE,
            created_at       TEXT NOT NULL,
            last_activity_at TEXT NOT NULL,
            user_agent       TEXT,
            remote_address   TEXT,
            page             TEXT,
            owner_took_over  INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE messages (
            id                INTEGER PRIMARY KEY AUTOINCREMENT,
            conversation_id   TEXT NOT NULL REFERENCES conversations(id),
            sender            TEXT NOT NULL,
            text              TEXT NOT NULL,
            created_at        TEXT NOT NULL,
            client_message_id TEXT,
            client_timestamp  TEXT,
            reply_to          INTEGER
        );
        CREATE UNIQUE INDEX ux_messages_client_message_id ON messages(conversation_id, client_message_id)
            WHERE client_message_id IS NOT NULL;
        CREATE INDEX ix_messages_conversation ON messages(conversation_id, id);
        CREATE INDEX ix_messages_reply_to ON messages(reply_to) WHERE reply_to IS NOT NULL;
        CREATE TABLE contact_requests (
            id               INTEGER PRIMARY KEY AUTOINCREMENT,
            conversation_id  TEXT NOT NULL REFERENCES conversations(id),
            text             TEXT NOT NULL,
            client_timestamp TEXT NOT NULL,
            user_agent       TEXT NOT NULL,
            name             TEXT,
            email            TEXT,
            page             TEXT,
            received_at      TEXT NOT NULL
        );
        CREATE INDEX ix_contact_requests_conversation ON contact_requests(conversation_id);
        """,
        // 2: the owner's inbox: who the visitor said they are, closed conversations, what the owner has read.
        """
        ALTER TABLE conversations ADD COLUMN visitor_name TEXT;
        ALTER TABLE conversations ADD COLUMN visitor_email TEXT;
        ALTER TABLE conversations ADD COLUMN closed INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE conversations ADD COLUMN owner_read_at TEXT NOT NULL DEFAULT '';
        CREATE INDEX ix_conversations_last_activity ON conversations(last_activity_at);
        """,
        // 3: the owner's password hash when it was set on the setup page (one row at most).
        """
        CREATE TABLE owner (
            id            INTEGER PRIMARY KEY CHECK (id = 1),
            password_hash TEXT NOT NULL,
            created_at    TEXT NOT NULL
        );
        """,
    ];

    /// <summary>The schema version this build writes.</summary>
    public static int CurrentVersion => Migrations.Length;

    /// <summary>Applies each missing migration in its own transaction.</summary>
    public static void Migrate(SqliteConnection connection)
    {
        var version = Convert.ToInt32(Scalar(connection, "PRAGMA user_version"), System.Globalization.CultureInfo.InvariantCulture);
        if (version > Migrations.Length)
        {
            throw new InvalidOperationException(
                $"The database schema is version {version}, newer than this server's {Migrations.Length}. Upgrade the server.");
        }

        for (var step = version; step < Migrations.Length; step++)
        {
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Migrations[step] + $"\nPRAGMA user_version = {step + 1};";
            command.ExecuteNonQuery();
            transaction.Commit();
        }
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
