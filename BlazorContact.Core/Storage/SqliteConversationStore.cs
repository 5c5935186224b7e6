using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlazorContact.Core.Storage;

/// <summary>
/// SQLite (WAL) store. All writes go through one <see cref="GroupCommitWriter{TTransaction}"/> over one
/// connection with <c>synchronous=FULL</c>: concurrent callers share a commit's fsync, and the single
/// writer keeps each conversation's ids in commit order. Reads use their own pooled connections, which
/// WAL lets run beside the writer.
/// </summary>
public sealed partial class SqliteConversationStore : IConversationStore, IAsyncDisposable
{
    private readonly StorageOptions _options;
    private readonly ILogger<SqliteConversationStore> _logger;
    private readonly SqliteDatabase _database;
    private SqliteWriterConnection? _connection;
    private GroupCommitWriter<SqliteTransaction>? _writer;

    public SqliteConversationStore(IOptions<StorageOptions> options, ILogger<SqliteConversationStore> logger)
    {
        _options = options.Value;
        _logger = logger;
        _database = new SqliteDatabase(_options);
    }

    public Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (Path.GetDirectoryName(_database.FilePath) is { Length: > 0 } databaseFolder)
        {
            Directory.CreateDirectory(databaseFolder);
        }

        _connection = new SqliteWriterConnection(_database);
        int importedKeys;
        try
        {
            importedKeys = SqliteSchema.Migrate(_connection.Connection, _database.FilePath);
        }
        catch
        {
            _connection.Dispose();
            _connection = null;
            throw;
        }

        Log.Opened(_logger, _database.FilePath, SqliteSchema.CurrentVersion);
        if (importedKeys > 0)
        {
            var folder = SqliteSchema.LegacyKeyRingFolder(_database.FilePath);
            Log.KeyRingImported(_logger, importedKeys, folder);
        }

        _writer = new GroupCommitWriter<SqliteTransaction>(_connection, _options.MaxBatchSize, _logger);
        return Task.CompletedTask;
    }

    public Task<VisitorMessageResult> AppendVisitorMessageAsync(NewVisitorMessage message, CancellationToken cancellationToken) =>
        WriteAsync(transaction =>
        {
            var conversationId = message.Conversation.ConversationId;
            EnsureConversation(transaction, message.Conversation, message.ReceivedAt);
            // The unique index on (conversation_id, client_message_id) decides what is a resend: no read before the insert.
            var inserted = Scalar(
                transaction,
                """
                INSERT INTO messages (conversation_id, sender, text, created_at, client_message_id, client_timestamp)
                VALUES ($c, 'visitor', $t, $at, $k, $ts)
                ON CONFLICT (conversation_id, client_message_id) WHERE client_message_id IS NOT NULL DO NOTHING
                RETURNING id
                """,
                ("$c", conversationId), ("$t", message.Text), ("$at", Format(message.ReceivedAt)),
                ("$k", message.ClientMessageId), ("$ts", message.ClientTimestamp));
            if (inserted is long id)
            {
                var (tookOver, lastReplyId) = ConversationState(transaction, conversationId);
                return new VisitorMessageResult(id, message.ReceivedAt, Duplicate: false, Answered: false, tookOver, lastReplyId);
            }

            var originalId = (long)Scalar(
                transaction,
                "SELECT id FROM messages WHERE conversation_id = $c AND client_message_id = $k",
                ("$c", conversationId), ("$k", message.ClientMessageId))!;
            var answered = Scalar(transaction, "SELECT 1 FROM messages WHERE reply_to = $id LIMIT 1", ("$id", originalId)) is not null;
            var (ownerTookOver, latestReplyId) = ConversationState(transaction, conversationId);
            return new VisitorMessageResult(originalId, message.ReceivedAt, Duplicate: true, answered, ownerTookOver, latestReplyId);
        }, cancellationToken);

    public Task<StoredMessage> AppendReplyAsync(NewReply reply, CancellationToken cancellationToken) =>
        WriteAsync(transaction =>
        {
            var previousReplyId = Scalar(transaction, "SELECT last_reply_id FROM conversations WHERE id = $c", ("$c", reply.ConversationId)) as long? ?? 0;
            var id = (long)Scalar(
                transaction,
                """
                INSERT INTO messages (conversation_id, sender, text, created_at, reply_to)
                VALUES ($c, $s, $t, $at, $r) RETURNING id
                """,
                ("$c", reply.ConversationId), ("$s", reply.Sender), ("$t", reply.Text), ("$at", Format(reply.CreatedAt)), ("$r", reply.ReplyTo))!;
            Scalar(
                transaction, "UPDATE conversations SET last_activity_at = $at, last_reply_id = $id WHERE id = $c",
                ("$at", Format(reply.CreatedAt)), ("$id", id), ("$c", reply.ConversationId));
            return new StoredMessage(id, reply.ConversationId, reply.Sender, reply.Text, reply.CreatedAt, null, null, reply.ReplyTo, previousReplyId);
        }, cancellationToken);

    public Task<long> AddContactRequestAsync(NewContactRequest request, CancellationToken cancellationToken) =>
        WriteAsync(transaction =>
        {
            EnsureConversation(transaction, request.Conversation, request.ReceivedAt);
            Scalar(
                transaction,
                "UPDATE conversations SET visitor_name = COALESCE($n, visitor_name), visitor_email = COALESCE($e, visitor_email) WHERE id = $c",
                ("$n", request.Name), ("$e", request.Email), ("$c", request.Conversation.ConversationId));
            return (long)Scalar(
                transaction,
                """
                INSERT INTO contact_requests (conversation_id, text, client_timestamp, user_agent, name, email, page, received_at)
                VALUES ($c, $t, $ts, $ua, $n, $e, $p, $at) RETURNING id
                """,
                ("$c", request.Conversation.ConversationId), ("$t", request.Text), ("$ts", request.ClientTimestamp), ("$ua", request.UserAgent),
                ("$n", request.Name), ("$e", request.Email), ("$p", request.Page), ("$at", Format(request.ReceivedAt)))!;
        }, cancellationToken);

    public Task SetOwnerTookOverAsync(string conversationId, bool tookOver, CancellationToken cancellationToken) =>
        WriteAsync(transaction => Scalar(transaction, "UPDATE conversations SET owner_took_over = $o WHERE id = $c", ("$o", tookOver ? 1 : 0), ("$c", conversationId)), cancellationToken);

    public Task MarkReadAsync(string conversationId, DateTimeOffset readAt, CancellationToken cancellationToken) =>
        WriteAsync(transaction => Scalar(transaction, "UPDATE conversations SET owner_read_at = MAX(owner_read_at, $at) WHERE id = $c", ("$at", Format(readAt)), ("$c", conversationId)), cancellationToken);

    public Task SetClosedAsync(string conversationId, bool closed, CancellationToken cancellationToken) =>
        WriteAsync(transaction => Scalar(transaction, "UPDATE conversations SET closed = $v WHERE id = $c", ("$v", closed ? 1 : 0), ("$c", conversationId)), cancellationToken);

    public Task<IReadOnlyList<ConversationSummary>> ListConversationsAsync(ConversationFilter filter, int limit, CancellationToken cancellationToken)
    {
        var where = filter switch
        {
            ConversationFilter.Open => "WHERE c.closed = 0",
            ConversationFilter.Closed => "WHERE c.closed = 1",
            _ => "",
        };
        return ReadSummariesAsync($"{where} ORDER BY c.last_activity_at DESC LIMIT {Math.Clamp(limit, 1, 1000)}", null, cancellationToken);
    }

    public async Task<ConversationSummary?> GetSummaryAsync(string conversationId, CancellationToken cancellationToken) =>
        await ReadSummariesAsync("WHERE c.id = $c", conversationId, cancellationToken).ConfigureAwait(false) is [var summary] ? summary : null;

    public Task<IReadOnlyList<StoredContactRequest>> GetContactRequestsAsync(string conversationId, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<StoredContactRequest>>(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT id, conversation_id, text, user_agent, name, email, page, received_at FROM contact_requests WHERE conversation_id = $c ORDER BY id";
            command.Parameters.AddWithValue("$c", conversationId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var requests = new List<StoredContactRequest>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                requests.Add(new StoredContactRequest(
                    reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    NullableString(reader, 4), NullableString(reader, 5), NullableString(reader, 6), Parse(reader.GetString(7))));
            }

            return requests;
        });

    public Task<IReadOnlyList<StoredMessage>> SearchMessagesAsync(string text, int limit, CancellationToken cancellationToken)
    {
        // LIKE with escaped wildcards: a blog's inbox is small, and unlike FTS word splitting it finds Chinese substrings.
        var pattern = "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
        return ReadMessagesAsync(
            $"text LIKE $c ESCAPE '\\' AND id > $id ORDER BY id DESC LIMIT {Math.Clamp(limit, 1, 500)}", pattern, 0, cancellationToken);
    }

    public Task<ConversationInfo?> FindBySessionTokenAsync(string sessionToken, CancellationToken cancellationToken) =>
        ReadConversationAsync("session_token = $v", SessionTokenHash.Of(sessionToken), cancellationToken);

    public Task<ConversationInfo?> FindConversationAsync(string conversationId, CancellationToken cancellationToken) =>
        ReadConversationAsync("id = $v", conversationId, cancellationToken);

    public Task<IReadOnlyList<StoredMessage>> GetRepliesAfterAsync(string conversationId, long afterMessageId, CancellationToken cancellationToken) =>
        ReadMessagesAsync("conversation_id = $c AND id > $id AND sender <> 'visitor' ORDER BY id", conversationId, afterMessageId, cancellationToken);

    public Task<IReadOnlyDictionary<string, long>> GetLastReplyIdsAsync(IReadOnlyCollection<string> conversationIds, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyDictionary<string, long>>(async connection =>
        {
            var latest = new Dictionary<string, long>(conversationIds.Count, StringComparer.Ordinal);
            // Chunked: SQLite allows 32,766 parameters, and a short IN list stays an index lookup.
            foreach (var chunk in conversationIds.Chunk(500))
            {
                await using var command = connection.CreateCommand();
                var names = new string[chunk.Length];
                for (var i = 0; i < chunk.Length; i++)
                {
                    names[i] = $"$c{i}";
                    command.Parameters.AddWithValue(names[i], chunk[i]);
                }

                command.CommandText = $"SELECT id, last_reply_id FROM conversations WHERE id IN ({string.Join(',', names)})";
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    latest[reader.GetString(0)] = reader.GetInt64(1);
                }
            }

            return latest;
        });

    public async Task<IReadOnlyList<StoredMessage>> GetRecentMessagesAsync(string conversationId, long? beforeMessageId, int limit, CancellationToken cancellationToken)
    {
        var newestFirst = await ReadMessagesAsync(
            $"conversation_id = $c AND id < $id ORDER BY id DESC LIMIT {Math.Clamp(limit, 1, 10_000)}",
            conversationId, beforeMessageId ?? long.MaxValue, cancellationToken).ConfigureAwait(false);
        return [.. newestFirst.Reverse()];
    }

    public Task<IReadOnlyList<StoredMessage>> GetMessagesAsync(string conversationId, CancellationToken cancellationToken) =>
        ReadMessagesAsync("conversation_id = $c AND id > $id ORDER BY id", conversationId, 0, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_writer is not null)
        {
            await _writer.DisposeAsync().ConfigureAwait(false);
        }

        _connection?.Dispose();
        // Release pooled read connections so the file can be reopened or deleted by the next owner.
        _database.ClearPool();
    }

    private Task<T> WriteAsync<T>(Func<SqliteTransaction, T> write, CancellationToken cancellationToken) =>
        (_writer ?? throw new InvalidOperationException("InitializeAsync must run before the store is written."))
            .WriteAsync(transaction => ValueTask.FromResult(write(transaction)), cancellationToken);

    private void EnsureConversation(SqliteTransaction transaction, ConversationOrigin origin, DateTimeOffset at) =>
        Scalar(
            transaction,
            """
            INSERT INTO conversations (id, session_token, created_at, last_activity_at, user_agent, remote_address, page)
            VALUES ($id, $tok, $at, $at, $ua, $ip, $p)
            ON CONFLICT(id) DO UPDATE SET last_activity_at = excluded.last_activity_at, closed = 0,
                user_agent = COALESCE(excluded.user_agent, user_agent), page = COALESCE(excluded.page, page)
            """,
            ("$id", origin.ConversationId), ("$tok", SessionTokenHash.Of(origin.SessionToken)), ("$at", Format(at)),
            ("$ua", origin.UserAgent), ("$ip", origin.RemoteAddress), ("$p", origin.Page));

    private (bool OwnerTookOver, long LastReplyId) ConversationState(SqliteTransaction transaction, string conversationId) =>
        (Scalar(transaction, "SELECT owner_took_over FROM conversations WHERE id = $c", ("$c", conversationId)) is long flag && flag != 0,
         Scalar(transaction, "SELECT last_reply_id FROM conversations WHERE id = $c", ("$c", conversationId)) as long? ?? 0);

    private object? Scalar(SqliteTransaction transaction, string sql, params (string Name, object? Value)[] parameters) =>
        _connection!.Scalar(transaction, sql, parameters);

    private async Task<ConversationInfo?> ReadConversationAsync(string where, string value, CancellationToken cancellationToken)
    {
        return await ReadAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText =
                $"SELECT id, session_token, created_at, last_activity_at, user_agent, remote_address, owner_took_over FROM conversations WHERE {where}";
            command.Parameters.AddWithValue("$v", value);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            return new ConversationInfo(
                reader.GetString(0), reader.GetString(1), Parse(reader.GetString(2)), Parse(reader.GetString(3)),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetInt64(6) != 0);
        }).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<StoredMessage>> ReadMessagesAsync(string filterAndOrder, string conversationId, long id, CancellationToken cancellationToken)
    {
        return await ReadAsync<IReadOnlyList<StoredMessage>>(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText =
                $"SELECT id, conversation_id, sender, text, created_at, client_message_id, client_timestamp, reply_to FROM messages WHERE {filterAndOrder}";
            command.Parameters.AddWithValue("$c", conversationId);
            command.Parameters.AddWithValue("$id", id);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var messages = new List<StoredMessage>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                messages.Add(new StoredMessage(
                    reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), Parse(reader.GetString(4)),
                    reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                    reader.IsDBNull(7) ? null : reader.GetInt64(7)));
            }

            return messages;
        }).ConfigureAwait(false);
    }

    private Task<IReadOnlyList<ConversationSummary>> ReadSummariesAsync(string filterAndOrder, string? conversationId, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<ConversationSummary>>(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"""
                SELECT c.id, c.created_at, c.last_activity_at, c.user_agent, c.remote_address, c.page, c.visitor_name, c.visitor_email,
                       c.owner_took_over, c.closed,
                       (SELECT text FROM messages m WHERE m.conversation_id = c.id ORDER BY m.id DESC LIMIT 1),
                       (SELECT sender FROM messages m WHERE m.conversation_id = c.id ORDER BY m.id DESC LIMIT 1),
                       (SELECT COUNT(*) FROM messages m WHERE m.conversation_id = c.id AND m.sender = 'visitor' AND m.created_at > c.owner_read_at)
                         + (SELECT COUNT(*) FROM contact_requests r WHERE r.conversation_id = c.id AND r.received_at > c.owner_read_at),
                       (SELECT COUNT(*) FROM contact_requests r WHERE r.conversation_id = c.id)
                FROM conversations c {filterAndOrder}
                """;
            if (conversationId is not null)
            {
                command.Parameters.AddWithValue("$c", conversationId);
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var summaries = new List<ConversationSummary>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                summaries.Add(new ConversationSummary(
                    reader.GetString(0), Parse(reader.GetString(1)), Parse(reader.GetString(2)), NullableString(reader, 3), NullableString(reader, 4),
                    NullableString(reader, 5), NullableString(reader, 6), NullableString(reader, 7), reader.GetInt64(8) != 0, reader.GetInt64(9) != 0,
                    NullableString(reader, 10), NullableString(reader, 11), reader.GetInt32(12), reader.GetInt32(13)));
            }

            return summaries;
        });

    private static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private async Task<T> ReadAsync<T>(Func<SqliteConnection, Task<T>> read)
    {
        try
        {
            await using var connection = await _database.OpenAsync(CancellationToken.None).ConfigureAwait(false);
            return await read(connection).ConfigureAwait(false);
        }
        catch (SqliteException ex) when (SqliteDatabase.IsUnavailable(ex))
        {
            throw new StorageUnavailableException("The database could not be read.", ex);
        }
    }

    private static string Format(DateTimeOffset value) => value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
