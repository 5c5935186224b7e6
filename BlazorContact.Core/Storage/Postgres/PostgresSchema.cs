using Npgsql;

namespace BlazorContact.Core.Storage.Postgres;

/// <summary>
/// The PostgreSQL schema as numbered migrations, recorded in <c>schema_version</c>. Each missing step runs in
/// its own transaction under a transaction-scoped advisory lock, so two instances starting at once on an
/// empty database take turns: the second finds the step recorded and skips it.
/// </summary>
internal static class PostgresSchema
{
    /// <summary>Any constant the whole deployment agrees on; "BlzCntct" in ASCII.</summary>
    private const long MigrationLockKey = 0x426C7A436E746374;

    private static readonly string[] Migrations =
    [
        // 1: the schema SQLite reached in five steps. Message ids come from one sequence (messages.id), taken
        // only after the conversation's row is locked, so within a conversation ids follow commit order.
        """
        CREATE TABLE conversations (
            id               text PRIMARY KEY,
            session_token    text NOT NULL UNIQUE,
            created_at       timestamptz NOT NULL,
            last_activity_at timestamptz NOT NULL,
            user_agent       text,
            remote_address   text,
            page             text,
            owner_took_over  boolean NOT NULL DEFAULT false,
            visitor_name     text,
            visitor_email    text,
            closed           boolean NOT NULL DEFAULT false,
            owner_read_at    timestamptz NOT NULL DEFAULT '-infinity',
            last_reply_id    bigint NOT NULL DEFAULT 0
        );
        CREATE INDEX ix_conversations_last_activity ON conversations(last_activity_at);
        CREATE TABLE messages (
            id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            conversation_id   text NOT NULL REFERENCES conversations(id),
            sender            text NOT NULL,
            text              text NOT NULL,
            created_at        timestamptz NOT NULL,
            client_message_id text,
            client_timestamp  text,
            reply_to          bigint
        );
        CREATE UNIQUE INDEX ux_messages_client_message_id ON messages(conversation_id, client_message_id)
            WHERE client_message_id IS NOT NULL;
        CREATE INDEX ix_messages_conversation ON messages(conversation_id, id);
        CREATE INDEX ix_messages_reply_to ON messages(reply_to) WHERE reply_to IS NOT NULL;
        CREATE TABLE contact_requests (
            id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            conversation_id  text NOT NULL REFERENCES conversations(id),
            text             text NOT NULL,
            client_timestamp text NOT NULL,
            user_agent       text NOT NULL,
            name             text,
            email            text,
            page             text,
            received_at      timestamptz NOT NULL
        );
        CREATE INDEX ix_contact_requests_conversation ON contact_requests(conversation_id);
        CREATE TABLE owner (
            id            integer PRIMARY KEY CHECK (id = 1),
            password_hash text NOT NULL,
            created_at    timestamptz NOT NULL
        );
        CREATE TABLE key_ring (
            id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            name text NOT NULL UNIQUE,
            xml  text NOT NULL
        );
        """,
        // 2: the owner's API tokens: a SHA-256 of each secret (never the secret), a display prefix, its dates.
        """
        CREATE TABLE owner_api_tokens (
            id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            name         text NOT NULL,
            prefix       text NOT NULL,
            secret_hash  bytea NOT NULL UNIQUE,
            created_at   timestamptz NOT NULL,
            last_used_at timestamptz,
            revoked_at   timestamptz
        );
        """,
        // 3: session tokens kept only as their SHA-256 (SessionTokenHash), so a copy of the database resumes nobody.
        """
        UPDATE conversations SET session_token = encode(sha256(convert_to(session_token, 'UTF8')), 'hex');
        """,
    ];

    /// <summary>The schema version this build writes.</summary>
    public static int CurrentVersion => Migrations.Length;

    /// <summary>Applies each missing migration in its own transaction; returns the versions this call applied.</summary>
    public static async Task<IReadOnlyList<int>> MigrateAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var applied = new List<int>();
        while (true)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            // Held until this transaction ends: a second instance waits here, then sees what the first recorded.
            await ExecuteAsync(transaction, $"SELECT pg_advisory_xact_lock({MigrationLockKey})", cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(
                transaction,
                "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
                cancellationToken).ConfigureAwait(false);
            await using var read = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_version", connection, transaction);
            var version = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
            if (version > Migrations.Length)
            {
                throw new InvalidOperationException(
                    $"The database schema is version {version}, newer than this server's {Migrations.Length}. Upgrade the server.");
            }

            if (version == Migrations.Length)
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return applied;
            }

            await ExecuteAsync(transaction, Migrations[version], cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(transaction, $"INSERT INTO schema_version (version) VALUES ({version + 1})", cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            applied.Add(version + 1);
        }
    }

    private static async Task ExecuteAsync(NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, transaction.Connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
