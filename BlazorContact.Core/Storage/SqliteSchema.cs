using Microsoft.Data.Sqlite;

namespace BlazorContact.Core.Storage;

/// <summary>
/// The SQLite schema as numbered migrations; <c>PRAGMA user_version</c> records how far a file got,
/// so start-up applies only the missing steps, each in its own transaction.
/// </summary>
internal static class SqliteSchema
{

    private static readonly Migration[] Migrations =
    [
        new("""
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
        """),
        // 2: the owner's inbox: who the visitor said they are, closed conversations, what the owner has read.
        new("""
        ALTER TABLE conversations ADD COLUMN visitor_name TEXT;
        ALTER TABLE conversations ADD COLUMN visitor_email TEXT;
        ALTER TABLE conversations ADD COLUMN closed INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE conversations ADD COLUMN owner_read_at TEXT NOT NULL DEFAULT '';
        CREATE INDEX ix_conversations_last_activity ON conversations(last_activity_at);
        """),
        // 3: the owner's password hash when it was set on the setup page (one row at most).
        new("""
        CREATE TABLE owner (
            id            INTEGER PRIMARY KEY CHECK (id = 1),
            password_hash TEXT NOT NULL,
            created_at    TEXT NOT NULL
        );
        """),
        // 4: the Data Protection key ring, until now XML files in a folder beside the database; the files
        // are copied in once, here, so existing installs keep the owner signed in.
        new("""
        CREATE TABLE key_ring (
            id   INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL UNIQUE,
            xml  TEXT NOT NULL
        );
        """, ImportLegacyKeyRing),
        // 5: the id of each conversation's latest reply, so a reply knows the one before it and a receiver
        // on another instance can tell a gap in what it was sent from a message it already has.
        new("""
        ALTER TABLE conversations ADD COLUMN last_reply_id INTEGER NOT NULL DEFAULT 0;
        UPDATE conversations SET last_reply_id = COALESCE(
            (SELECT MAX(m.id) FROM messages m WHERE m.conversation_id = conversations.id AND m.sender <> 'visitor'), 0);
        """),
        // 6: the owner's API tokens: a SHA-256 of each secret (never the secret), a display prefix, its dates.
        new("""
        CREATE TABLE owner_api_tokens (
            id           INTEGER PRIMARY KEY AUTOINCREMENT,
            name         TEXT NOT NULL,
            prefix       TEXT NOT NULL,
            secret_hash  BLOB NOT NULL UNIQUE,
            created_at   TEXT NOT NULL,
            last_used_at TEXT,
            revoked_at   TEXT
        );
        """),
        // 7: session tokens kept only as their SHA-256 (SessionTokenHash), so a copy of the database resumes nobody.
        // SQLite has no SHA-256 of its own: the data step hashes each row.
        new("", HashSessionTokens),
    ];

    /// <summary>The schema version this build writes.</summary>
    public static int CurrentVersion => Migrations.Length;

    /// <summary>Where the key ring lived before it moved into the database: the <c>keys</c> folder beside the database file.</summary>
    public static string LegacyKeyRingFolder(string databasePath) => Path.Combine(Path.GetDirectoryName(databasePath) ?? ".", "keys");

    /// <summary>Applies each missing migration in its own transaction; returns how many rows their data steps copied in.</summary>
    public static int Migrate(SqliteConnection connection, string databasePath)
    {
        var version = Convert.ToInt32(Scalar(connection, "PRAGMA user_version"), System.Globalization.CultureInfo.InvariantCulture);
        if (version > Migrations.Length)
        {
            throw new InvalidOperationException(
                $"The database schema is version {version}, newer than this server's {Migrations.Length}. Upgrade the server.");
        }

        var copied = 0;
        for (var step = version; step < Migrations.Length; step++)
        {
            using var transaction = connection.BeginTransaction();
            using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = Migrations[step].Sql + $"\nPRAGMA user_version = {step + 1};";
                command.ExecuteNonQuery();
            }

            copied += Migrations[step].CopyData?.Invoke(transaction, databasePath) ?? 0;
            transaction.Commit();
        }

        return copied;
    }

    /// <summary>Replaces every stored session token with its hash. Returns 0: what Migrate counts is key ring rows copied in.</summary>
    private static int HashSessionTokens(SqliteTransaction transaction, string databasePath)
    {
        var rows = new List<(string Id, string Token)>();
        using (var select = transaction.Connection!.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = "SELECT id, session_token FROM conversations";
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                rows.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        using var update = transaction.Connection!.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = "UPDATE conversations SET session_token = $hash WHERE id = $id";
        var hash = update.Parameters.Add("$hash", SqliteType.Text);
        var id = update.Parameters.Add("$id", SqliteType.Text);
        foreach (var row in rows)
        {
            hash.Value = SessionTokenHash.Of(row.Token);
            id.Value = row.Id;
            update.ExecuteNonQuery();
        }

        return 0;
    }

    /// <summary>Copies the <c>*.xml</c> files of the old key folder, as Data Protection's file repository read them.</summary>
    private static int ImportLegacyKeyRing(SqliteTransaction transaction, string databasePath)
    {
        var folder = LegacyKeyRingFolder(databasePath);
        if (!Directory.Exists(folder))
        {
            return 0;
        }

        using var insert = transaction.Connection!.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = SqliteKeyRingStore.InsertSql;
        var name = insert.Parameters.Add("$name", SqliteType.Text);
        var xml = insert.Parameters.Add("$xml", SqliteType.Text);
        var imported = 0;
        foreach (var file in Directory.GetFiles(folder, "*.xml").Order(StringComparer.Ordinal))
        {
            name.Value = Path.GetFileNameWithoutExtension(file);
            xml.Value = File.ReadAllText(file);
            imported += insert.ExecuteNonQuery();
        }

        return imported;
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>One schema step: its SQL, and optionally a data step in the same transaction (given the database path; returns rows copied).</summary>
    private sealed record Migration(string Sql, Func<SqliteTransaction, string, int>? CopyData = null);
}
