using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BlazorContact.Core.Storage.Postgres;

/// <summary>
/// PostgreSQL store, for one or several instances on one database. Each instance sends its writes through one
/// <see cref="GroupCommitWriter{TTransaction}"/> over one connection: concurrent callers share a commit (and its
/// WAL flush, <c>synchronous_commit=on</c>). Several instances write at once, so every write first locks its
/// conversation's row (an upsert or <c>FOR UPDATE</c>) and only then takes an id from the one sequence: the lock
/// is held to commit, so within a conversation ids are assigned in commit order, which keeps the resume cursor
/// and the reply chain of <see cref="IConversationStore"/> true across instances.
/// <para>Each write runs after a savepoint: a write that breaks a constraint is rolled back to it and fails alone
/// while the rest of its batch commits. Batches of two instances can still lock two conversations in opposite
/// orders; PostgreSQL then aborts one (a deadlock, 40P01) and the writer commits that batch's writes one per
/// transaction, where each locks a single row and can't deadlock again. Locking every batch's conversations in
/// one order up front would avoid the abort, but the writer hands a provider opaque writes, and a deadlock needs
/// two instances writing the same two conversations in the same milliseconds: rare, and never seen by a caller.</para>
/// Reads use pooled connections of the shared <see cref="PostgresDatabase"/>.
/// </summary>
public sealed partial class PostgresConversationStore : IConversationStore, IAsyncDisposable
{
    private const string Savepoint = "SAVEPOINT write";
    private const string MessageColumns = "id, conversation_id, sender, text, created_at, client_message_id, client_timestamp, reply_to";

    private readonly PostgresDatabase _database;
    private readonly StorageOptions _options;
    private readonly ILogger<PostgresConversationStore> _logger;
    private PostgresWriterConnection? _connection;
    private GroupCommitWriter<NpgsqlTransaction>? _writer;

    public PostgresConversationStore(PostgresDatabase database, IOptions<StorageOptions> options, ILogger<PostgresConversationStore> logger)
    {
        _database = database;
        _options = options.Value;
        _logger = logger;
    }

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<int> applied;
        try
        {
            await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            applied = await PostgresSchema.MigrateAsync(connection, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (PostgresDatabase.IsUnavailable(ex))
        {
            throw new StorageUnavailableException($"The PostgreSQL database {_database.Name} on {_database.Host} could not be opened or migrated.", ex);
        }

        foreach (var version in applied)
        {
            Log.Migrated(_logger, version);
        }

        Log.Opened(_logger, _database.Host, _database.Name, PostgresSchema.CurrentVersion);
        _connection = new PostgresWriterConnection(_database);
        _connection.Reconnecting += failure => Log.WriterReconnecting(_logger, failure);
        _writer = new GroupCommitWriter<NpgsqlTransaction>(_connection, _options.MaxBatchSize, _logger);
    }

    public Task<VisitorMessageResult> AppendVisitorMessageAsync(NewVisitorMessage message, CancellationToken cancellationToken) =>
        WriteAsync(async transaction =>
        {
            var origin = message.Conversation;
            var at = message.ReceivedAt.ToUniversalTime();
            await using var batch = Batch(
                transaction,
                (EnsureConversationSql + " RETURNING owner_took_over, last_reply_id",
                    [origin.ConversationId, SessionTokenHash.Of(origin.SessionToken), at, origin.UserAgent, origin.RemoteAddress, origin.Page]),
                // The unique index on (conversation_id, client_message_id) decides what is a resend: no read before the
                // insert. The second half finds the original (committed before this row lock was granted, or earlier in
                // this batch) only when the insert did nothing.
                ("""
                WITH inserted AS (
                    INSERT INTO messages (conversation_id, sender, text, created_at, client_message_id, client_timestamp)
                    VALUES ($1, 'visitor', $2, $3, $4, $5)
                    ON CONFLICT (conversation_id, client_message_id) WHERE client_message_id IS NOT NULL DO NOTHING
                    RETURNING id)
                SELECT id, false, false FROM inserted
                UNION ALL
                SELECT m.id, true, EXISTS (SELECT 1 FROM messages r WHERE r.reply_to = m.id)
                FROM messages m
                WHERE m.conversation_id = $1 AND m.client_message_id = $4 AND NOT EXISTS (SELECT 1 FROM inserted)
                """,
                    [origin.ConversationId, message.Text, at, message.ClientMessageId, message.ClientTimestamp]));
            await using var reader = await FirstRowsAsync(batch).ConfigureAwait(false);
            await reader.ReadAsync().ConfigureAwait(false);
            var (tookOver, lastReplyId) = (reader.GetBoolean(0), reader.GetInt64(1));
            await reader.NextResultAsync().ConfigureAwait(false);
            await reader.ReadAsync().ConfigureAwait(false);
            return new VisitorMessageResult(reader.GetInt64(0), message.ReceivedAt, reader.GetBoolean(1), reader.GetBoolean(2), tookOver, lastReplyId);
        }, cancellationToken);

    public Task<StoredMessage> AppendReplyAsync(NewReply reply, CancellationToken cancellationToken) =>
        WriteAsync(async transaction =>
        {
            var at = reply.CreatedAt.ToUniversalTime();
            await using var batch = Batch(
                transaction,
                // The row lock comes before the id: no reply of another instance can commit between the two.
                ("SELECT last_reply_id FROM conversations WHERE id = $1 FOR UPDATE", [reply.ConversationId]),
                ("""
                WITH inserted AS (
                    INSERT INTO messages (conversation_id, sender, text, created_at, reply_to)
                    VALUES ($1, $2, $3, $4, $5) RETURNING id)
                UPDATE conversations SET last_activity_at = $4, last_reply_id = inserted.id
                FROM inserted WHERE conversations.id = $1
                RETURNING inserted.id
                """,
                    [reply.ConversationId, reply.Sender, reply.Text, at, reply.ReplyTo]));
            // An unknown conversation: no row to lock, and the insert breaks the foreign key (this write's fault alone).
            await using var reader = await FirstRowsAsync(batch).ConfigureAwait(false);
            var previousReplyId = await reader.ReadAsync().ConfigureAwait(false) ? reader.GetInt64(0) : 0;
            await reader.NextResultAsync().ConfigureAwait(false);
            await reader.ReadAsync().ConfigureAwait(false);
            var id = reader.GetInt64(0);
            return new StoredMessage(id, reply.ConversationId, reply.Sender, reply.Text, reply.CreatedAt, null, null, reply.ReplyTo, previousReplyId);
        }, cancellationToken);

    public Task<long> AddContactRequestAsync(NewContactRequest request, CancellationToken cancellationToken) =>
        WriteAsync(async transaction =>
        {
            var origin = request.Conversation;
            var at = request.ReceivedAt.ToUniversalTime();
            await using var batch = Batch(
                transaction,
                ("""
                INSERT INTO conversations (id, session_token, created_at, last_activity_at, user_agent, remote_address, page, visitor_name, visitor_email)
                VALUES ($1, $2, $3, $3, $4, $5, $6, $7, $8)
                ON CONFLICT (id) DO UPDATE SET last_activity_at = excluded.last_activity_at, closed = false,
                    user_agent = COALESCE(excluded.user_agent, conversations.user_agent), page = COALESCE(excluded.page, conversations.page),
                    visitor_name = COALESCE(excluded.visitor_name, conversations.visitor_name),
                    visitor_email = COALESCE(excluded.visitor_email, conversations.visitor_email)
                RETURNING 1
                """,
                    [origin.ConversationId, SessionTokenHash.Of(origin.SessionToken), at, origin.UserAgent, origin.RemoteAddress, origin.Page, request.Name, request.Email]),
                ("""
                INSERT INTO contact_requests (conversation_id, text, client_timestamp, user_agent, name, email, page, received_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id
                """,
                    [origin.ConversationId, request.Text, request.ClientTimestamp, request.UserAgent, request.Name, request.Email, request.Page, at]));
            await using var reader = await FirstRowsAsync(batch).ConfigureAwait(false);
            await reader.NextResultAsync().ConfigureAwait(false);
            await reader.ReadAsync().ConfigureAwait(false);
            return reader.GetInt64(0);
        }, cancellationToken);

    public Task SetOwnerTookOverAsync(string conversationId, bool tookOver, CancellationToken cancellationToken) =>
        UpdateAsync("UPDATE conversations SET owner_took_over = $2 WHERE id = $1", [conversationId, tookOver], cancellationToken);

    public Task MarkReadAsync(string conversationId, DateTimeOffset readAt, CancellationToken cancellationToken) =>
        UpdateAsync("UPDATE conversations SET owner_read_at = GREATEST(owner_read_at, $2) WHERE id = $1", [conversationId, readAt.ToUniversalTime()], cancellationToken);

    public Task SetClosedAsync(string conversationId, bool closed, CancellationToken cancellationToken) =>
        UpdateAsync("UPDATE conversations SET closed = $2 WHERE id = $1", [conversationId, closed], cancellationToken);

    public Task<IReadOnlyList<ConversationSummary>> ListConversationsAsync(ConversationFilter filter, int limit, CancellationToken cancellationToken)
    {
        var where = filter switch
        {
            ConversationFilter.Open => "WHERE NOT c.closed",
            ConversationFilter.Closed => "WHERE c.closed",
            _ => "",
        };
        return ReadSummariesAsync($"{where} ORDER BY c.last_activity_at DESC LIMIT {Math.Clamp(limit, 1, 1000)}", null, cancellationToken);
    }

    public async Task<ConversationSummary?> GetSummaryAsync(string conversationId, CancellationToken cancellationToken) =>
        await ReadSummariesAsync("WHERE c.id = $1", conversationId, cancellationToken).ConfigureAwait(false) is [var summary] ? summary : null;

    public Task<IReadOnlyList<StoredContactRequest>> GetContactRequestsAsync(string conversationId, CancellationToken cancellationToken) =>
        _database.ReadAsync<IReadOnlyList<StoredContactRequest>>(async connection =>
        {
            await using var command = Command(
                connection, "SELECT id, conversation_id, text, user_agent, name, email, page, received_at FROM contact_requests WHERE conversation_id = $1 ORDER BY id",
                conversationId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var requests = new List<StoredContactRequest>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                requests.Add(new StoredContactRequest(
                    reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    NullableString(reader, 4), NullableString(reader, 5), NullableString(reader, 6), reader.GetFieldValue<DateTimeOffset>(7)));
            }

            return requests;
        }, cancellationToken);

    public Task<IReadOnlyList<StoredMessage>> SearchMessagesAsync(string text, int limit, CancellationToken cancellationToken)
    {
        // ILIKE with escaped wildcards: case-insensitive, and unlike full-text search it finds Chinese substrings.
        var pattern = "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
        return ReadMessagesAsync($"text ILIKE $1 ESCAPE '\\' ORDER BY id DESC LIMIT {Math.Clamp(limit, 1, 500)}", cancellationToken, pattern);
    }

    public Task<ConversationInfo?> FindBySessionTokenAsync(string sessionToken, CancellationToken cancellationToken) =>
        ReadConversationAsync("session_token = $1", SessionTokenHash.Of(sessionToken), cancellationToken);

    public Task<ConversationInfo?> FindConversationAsync(string conversationId, CancellationToken cancellationToken) =>
        ReadConversationAsync("id = $1", conversationId, cancellationToken);

    public Task<IReadOnlyList<StoredMessage>> GetRepliesAfterAsync(string conversationId, long afterMessageId, CancellationToken cancellationToken) =>
        ReadMessagesAsync("conversation_id = $1 AND id > $2 AND sender <> 'visitor' ORDER BY id", cancellationToken, conversationId, afterMessageId);

    public Task<IReadOnlyDictionary<string, long>> GetLastReplyIdsAsync(IReadOnlyCollection<string> conversationIds, CancellationToken cancellationToken)
    {
        if (conversationIds.Count == 0)
        {
            return Task.FromResult<IReadOnlyDictionary<string, long>>(new Dictionary<string, long>(StringComparer.Ordinal));
        }

        return _database.ReadAsync<IReadOnlyDictionary<string, long>>(async connection =>
        {
            // One array parameter: a primary-key lookup per id, with no limit on how many ids one call asks for.
            await using var command = Command(connection, "SELECT id, last_reply_id FROM conversations WHERE id = ANY($1)", [conversationIds.ToArray()]);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var latest = new Dictionary<string, long>(conversationIds.Count, StringComparer.Ordinal);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                latest[reader.GetString(0)] = reader.GetInt64(1);
            }

            return latest;
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<StoredMessage>> GetRecentMessagesAsync(string conversationId, long? beforeMessageId, int limit, CancellationToken cancellationToken)
    {
        var newestFirst = await ReadMessagesAsync(
            $"conversation_id = $1 AND id < $2 ORDER BY id DESC LIMIT {Math.Clamp(limit, 1, 10_000)}",
            cancellationToken, conversationId, beforeMessageId ?? long.MaxValue).ConfigureAwait(false);
        return [.. newestFirst.Reverse()];
    }

    public Task<IReadOnlyList<StoredMessage>> GetMessagesAsync(string conversationId, CancellationToken cancellationToken) =>
        ReadMessagesAsync("conversation_id = $1 ORDER BY id", cancellationToken, conversationId);

    public async ValueTask DisposeAsync()
    {
        if (_writer is not null)
        {
            await _writer.DisposeAsync().ConfigureAwait(false);
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Creates the conversation or locks and refreshes it; parameters $1–$6 are id, token, time, agent, address, page.</summary>
    private const string EnsureConversationSql = """
        INSERT INTO conversations (id, session_token, created_at, last_activity_at, user_agent, remote_address, page)
        VALUES ($1, $2, $3, $3, $4, $5, $6)
        ON CONFLICT (id) DO UPDATE SET last_activity_at = excluded.last_activity_at, closed = false,
            user_agent = COALESCE(excluded.user_agent, conversations.user_agent), page = COALESCE(excluded.page, conversations.page)
        """;

    private Task<int> UpdateAsync(string sql, object?[] parameters, CancellationToken cancellationToken) =>
        WriteAsync(async transaction =>
        {
            await using var batch = Batch(transaction, (sql, parameters));
            return await batch.ExecuteNonQueryAsync().ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>
    /// Runs <paramref name="write"/> in the next batch. A write whose statements break a constraint or carry bad data is
    /// rolled back to its savepoint inside the batch and fails alone once the batch committed; anything else (the
    /// database gone, a deadlock) fails the batch, and the writer decides what happens to its writes.
    /// </summary>
    private async Task<T> WriteAsync<T>(Func<NpgsqlTransaction, ValueTask<T>> write, CancellationToken cancellationToken)
    {
        var writer = _writer ?? throw new InvalidOperationException("InitializeAsync must run before the store is written.");
        var outcome = await writer.WriteAsync<(T? Value, ExceptionDispatchInfo? Failure)>(async transaction =>
        {
            try
            {
                return (await write(transaction).ConfigureAwait(false), null);
            }
            catch (PostgresException ex) when (!PostgresDatabase.IsUnavailable(ex) && !PostgresDatabase.IsConflict(ex))
            {
                await using var undo = new NpgsqlCommand("ROLLBACK TO SAVEPOINT write", transaction.Connection, transaction);
                await undo.ExecuteNonQueryAsync().ConfigureAwait(false);
                return (default, ExceptionDispatchInfo.Capture(ex));
            }
        }, cancellationToken).ConfigureAwait(false);
        outcome.Failure?.Throw();
        return outcome.Value!;
    }

    /// <summary>A write's statements in one round trip, after the savepoint that lets the write fail alone.</summary>
    private static NpgsqlBatch Batch(NpgsqlTransaction transaction, params (string Sql, object?[] Parameters)[] statements)
    {
        var batch = new NpgsqlBatch(transaction.Connection, transaction);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(Savepoint));
        foreach (var (sql, parameters) in statements)
        {
            var command = new NpgsqlBatchCommand(sql);
            foreach (var value in parameters)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
            }

            batch.BatchCommands.Add(command);
        }

        return batch;
    }

    /// <summary>Executes the batch, positioned on the result of its first statement after the savepoint.</summary>
    private static async Task<NpgsqlDataReader> FirstRowsAsync(NpgsqlBatch batch)
    {
        var reader = await batch.ExecuteReaderAsync().ConfigureAwait(false);
        if (reader.FieldCount == 0)
        {
            await reader.NextResultAsync().ConfigureAwait(false);
        }

        return reader;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, params object?[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        return command;
    }

    private Task<ConversationInfo?> ReadConversationAsync(string where, string value, CancellationToken cancellationToken) =>
        _database.ReadAsync(async connection =>
        {
            await using var command = Command(
                connection,
                $"SELECT id, session_token, created_at, last_activity_at, user_agent, remote_address, owner_took_over FROM conversations WHERE {where}",
                value);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            return new ConversationInfo(
                reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetFieldValue<DateTimeOffset>(3),
                NullableString(reader, 4), NullableString(reader, 5), reader.GetBoolean(6));
        }, cancellationToken);

    private Task<IReadOnlyList<StoredMessage>> ReadMessagesAsync(string filterAndOrder, CancellationToken cancellationToken, params object?[] parameters) =>
        _database.ReadAsync<IReadOnlyList<StoredMessage>>(async connection =>
        {
            await using var command = Command(connection, $"SELECT {MessageColumns} FROM messages WHERE {filterAndOrder}", parameters);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var messages = new List<StoredMessage>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                messages.Add(new StoredMessage(
                    reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4),
                    NullableString(reader, 5), NullableString(reader, 6), reader.IsDBNull(7) ? null : reader.GetInt64(7)));
            }

            return messages;
        }, cancellationToken);

    private Task<IReadOnlyList<ConversationSummary>> ReadSummariesAsync(string filterAndOrder, string? conversationId, CancellationToken cancellationToken) =>
        _database.ReadAsync<IReadOnlyList<ConversationSummary>>(async connection =>
        {
            var sql = $"""
                SELECT c.id, c.created_at, c.last_activity_at, c.user_agent, c.remote_address, c.page, c.visitor_name, c.visitor_email,
                       c.owner_took_over, c.closed, last.text, last.sender,
                       (SELECT COUNT(*) FROM messages m WHERE m.conversation_id = c.id AND m.sender = 'visitor' AND m.created_at > c.owner_read_at)
                         + (SELECT COUNT(*) FROM contact_requests r WHERE r.conversation_id = c.id AND r.received_at > c.owner_read_at),
                       (SELECT COUNT(*) FROM contact_requests r WHERE r.conversation_id = c.id)
                FROM conversations c
                LEFT JOIN LATERAL (SELECT m.text, m.sender FROM messages m WHERE m.conversation_id = c.id ORDER BY m.id DESC LIMIT 1) last ON true
                {filterAndOrder}
                """;
            await using var command = conversationId is null ? Command(connection, sql) : Command(connection, sql, conversationId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var summaries = new List<ConversationSummary>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                summaries.Add(new ConversationSummary(
                    reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetFieldValue<DateTimeOffset>(2), NullableString(reader, 3),
                    NullableString(reader, 4), NullableString(reader, 5), NullableString(reader, 6), NullableString(reader, 7), reader.GetBoolean(8),
                    reader.GetBoolean(9), NullableString(reader, 10), NullableString(reader, 11), (int)reader.GetInt64(12), (int)reader.GetInt64(13)));
            }

            return summaries;
        }, cancellationToken);

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
