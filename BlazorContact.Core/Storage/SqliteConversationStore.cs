using System.Globalization;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlazorContact.Core.Storage;

/// <summary>
/// SQLite (WAL) store. All writes go through one writer loop that drains a channel of pending writes
/// and commits each batch in one transaction with <c>synchronous=FULL</c>: every caller is released
/// only after the commit that holds its write, and concurrent connections share the cost of the fsync,
/// so durable throughput grows with concurrency. Reads use their own pooled connections, which WAL
/// lets run beside the writer.
/// </summary>
public sealed partial class SqliteConversationStore : IConversationStore, IAsyncDisposable
{
    private readonly StorageOptions _options;
    private readonly ILogger<SqliteConversationStore> _logger;
    private readonly string _connectionString;
    private readonly Channel<PendingWrite> _writes = Channel.CreateBounded<PendingWrite>(
        new BoundedChannelOptions(16_384) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private SqliteConnection? _writer;
    private SqliteTransaction? _transaction;
    private Task _writerLoop = Task.CompletedTask;

    public SqliteConversationStore(IOptions<StorageOptions> options, ILogger<SqliteConversationStore> logger)
    {
        _options = options.Value;
        _logger = logger;
        var builder = new SqliteConnectionStringBuilder(_options.ConnectionString)
        {
            DefaultTimeout = Math.Max(1, (int)_options.BusyTimeout.TotalSeconds),
        };
        _connectionString = builder.ToString();
        DataSource = builder.DataSource;
    }

    /// <summary>The database file this store writes.</summary>
    public string DataSource { get; }

    /// <summary>Transactions committed so far (for benchmarks: writes per commit shows the grouping).</summary>
    public long CommitCount { get; private set; }

    /// <summary>Writes committed so far.</summary>
    public long WriteCount { get; private set; }

    public Task InitializeAsync(CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(DataSource));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        _writer = new SqliteConnection(_connectionString);
        _writer.Open();
        Execute(_writer, "PRAGMA journal_mode=WAL;");
        // FULL: the WAL is fsynced at every commit, so an acknowledged message survives a power cut.
        Execute(_writer, $"PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout={(int)_options.BusyTimeout.TotalMilliseconds};");
        SqliteSchema.Migrate(_writer);
        var fullPath = Path.GetFullPath(DataSource);
        Log.Opened(_logger, fullPath, SqliteSchema.CurrentVersion);
        _writerLoop = Task.Run(RunWriterLoopAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task<VisitorMessageResult> AppendVisitorMessageAsync(NewVisitorMessage message, CancellationToken cancellationToken) =>
        EnqueueAsync(() =>
        {
            EnsureConversation(message.Conversation, message.ReceivedAt);
            if (message.ClientMessageId is not null)
            {
                var existing = Scalar(
                    "SELECT id FROM messages WHERE conversation_id = $c AND client_message_id = $k",
                    ("$c", message.Conversation.ConversationId), ("$k", message.ClientMessageId));
                if (existing is long originalId)
                {
                    var answered = Scalar("SELECT 1 FROM messages WHERE reply_to = $id LIMIT 1", ("$id", originalId)) is not null;
                    return new VisitorMessageResult(originalId, message.ReceivedAt, Duplicate: true, answered, OwnerTookOver(message.Conversation.ConversationId));
                }
            }

            var id = (long)Scalar(
                """
                INSERT INTO messages (conversation_id, sender, text, created_at, client_message_id, client_timestamp)
                VALUES ($c, 'visitor', $t, $at, $k, $ts) RETURNING id
                """,
                ("$c", message.Conversation.ConversationId), ("$t", message.Text), ("$at", Format(message.ReceivedAt)),
                ("$k", message.ClientMessageId), ("$ts", message.ClientTimestamp))!;
            return new VisitorMessageResult(id, message.ReceivedAt, Duplicate: false, Answered: false, OwnerTookOver(message.Conversation.ConversationId));
        }, cancellationToken);

    public Task<StoredMessage> AppendReplyAsync(NewReply reply, CancellationToken cancellationToken) =>
        EnqueueAsync(() =>
        {
            var id = (long)Scalar(
                """
                INSERT INTO messages (conversation_id, sender, text, created_at, reply_to)
                VALUES ($c, $s, $t, $at, $r) RETURNING id
                """,
                ("$c", reply.ConversationId), ("$s", reply.Sender), ("$t", reply.Text), ("$at", Format(reply.CreatedAt)), ("$r", reply.ReplyTo))!;
            Scalar("UPDATE conversations SET last_activity_at = $at WHERE id = $c", ("$at", Format(reply.CreatedAt)), ("$c", reply.ConversationId));
            return new StoredMessage(id, reply.ConversationId, reply.Sender, reply.Text, reply.CreatedAt, null, null, reply.ReplyTo);
        }, cancellationToken);

    public Task<long> AddContactRequestAsync(NewContactRequest request, CancellationToken cancellationToken) =>
        EnqueueAsync(() =>
        {
            EnsureConversation(request.Conversation, request.ReceivedAt);
            Scalar(
                "UPDATE conversations SET visitor_name = COALESCE($n, visitor_name), visitor_email = COALESCE($e, visitor_email) WHERE id = $c",
                ("$n", request.Name), ("$e", request.Email), ("$c", request.Conversation.ConversationId));
            return (long)Scalar(
                """
                INSERT INTO contact_requests (conversation_id, text, client_timestamp, user_agent, name, email, page, received_at)
                VALUES ($c, $t, $ts, $ua, $n, $e, $p, $at) RETURNING id
                """,
                ("$c", request.Conversation.ConversationId), ("$t", request.Text), ("$ts", request.ClientTimestamp), ("$ua", request.UserAgent),
                ("$n", request.Name), ("$e", request.Email), ("$p", request.Page), ("$at", Format(request.ReceivedAt)))!;
        }, cancellationToken);

    public Task SetOwnerTookOverAsync(string conversationId, bool tookOver, CancellationToken cancellationToken) =>
        EnqueueAsync(() => Scalar("UPDATE conversations SET owner_took_over = $o WHERE id = $c", ("$o", tookOver ? 1 : 0), ("$c", conversationId)), cancellationToken);

    public Task MarkReadAsync(string conversationId, DateTimeOffset readAt, CancellationToken cancellationToken) =>
        EnqueueAsync(() => Scalar("UPDATE conversations SET owner_read_at = MAX(owner_read_at, $at) WHERE id = $c", ("$at", Format(readAt)), ("$c", conversationId)), cancellationToken);

    public Task SetClosedAsync(string conversationId, bool closed, CancellationToken cancellationToken) =>
        EnqueueAsync(() => Scalar("UPDATE conversations SET closed = $v WHERE id = $c", ("$v", closed ? 1 : 0), ("$c", conversationId)), cancellationToken);

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
        ReadConversationAsync("session_token = $v", sessionToken, cancellationToken);

    public Task<ConversationInfo?> FindConversationAsync(string conversationId, CancellationToken cancellationToken) =>
        ReadConversationAsync("id = $v", conversationId, cancellationToken);

    public Task<IReadOnlyList<StoredMessage>> GetRepliesAfterAsync(string conversationId, long afterMessageId, CancellationToken cancellationToken) =>
        ReadMessagesAsync("conversation_id = $c AND id > $id AND sender <> 'visitor' ORDER BY id", conversationId, afterMessageId, cancellationToken);

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
        _writes.Writer.TryComplete();
        await _writerLoop.ConfigureAwait(false);
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        if (_writer is not null)
        {
            await _writer.DisposeAsync().ConfigureAwait(false);
        }

        // Release pooled read connections so the file can be reopened or deleted by the next owner.
        SqliteConnection.ClearAllPools();
    }

    private async Task<T> EnqueueAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        var pending = new PendingWrite(() => work());
        try
        {
            await _writes.Writer.WriteAsync(pending, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException ex)
        {
            throw new StorageUnavailableException("The store is shutting down.", ex);
        }

        return (T)(await pending.Completion.Task.ConfigureAwait(false))!;
    }

    private async Task RunWriterLoopAsync()
    {
        var batch = new List<PendingWrite>(_options.MaxBatchSize);
        var reader = _writes.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < _options.MaxBatchSize && reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            if (!TryCommit(batch) && batch.Count > 1)
            {
                // One write broke the batch: commit the others one by one so a bad write fails alone.
                foreach (var pending in batch)
                {
                    TryCommit([pending]);
                }
            }

            batch.Clear();
        }
    }

    /// <summary>Commits the batch and releases its callers; a lone write that fails gets the error.</summary>
    private bool TryCommit(List<PendingWrite> batch)
    {
        try
        {
            _transaction = _writer!.BeginTransaction();
            foreach (var pending in batch)
            {
                pending.Result = pending.Work();
            }

            _transaction.Commit();
        }
        catch (Exception ex)
        {
            Log.CommitFailed(_logger, batch.Count, ex);
            try
            {
                _transaction?.Rollback();
            }
            catch (SqliteException)
            {
                // The failed commit may already have rolled back; nothing more to undo.
            }

            if (batch.Count == 1)
            {
                batch[0].Completion.TrySetException(Classify(ex));
            }

            return false;
        }
        finally
        {
            _transaction?.Dispose();
            _transaction = null;
        }

        CommitCount++;
        WriteCount += batch.Count;
        foreach (var pending in batch)
        {
            pending.Completion.TrySetResult(pending.Result);
        }

        return true;
    }

    private static Exception Classify(Exception ex) => ex switch
    {
        // Busy, locked, read-only, I/O error, corrupt, full, can't open: the storage is down, not the request.
        SqliteException { SqliteErrorCode: 5 or 6 or 8 or 10 or 11 or 13 or 14 } => new StorageUnavailableException("The database could not commit.", ex),
        _ => ex,
    };

    private void EnsureConversation(ConversationOrigin origin, DateTimeOffset at)
    {
        Scalar(
            """
            INSERT INTO conversations (id, session_token, created_at, last_activity_at, user_agent, remote_address, page)
            VALUES ($id, $tok, $at, $at, $ua, $ip, $p)
            ON CONFLICT(id) DO UPDATE SET last_activity_at = excluded.last_activity_at, closed = 0,
                user_agent = COALESCE(excluded.user_agent, user_agent), page = COALESCE(excluded.page, page)
            """,
            ("$id", origin.ConversationId), ("$tok", origin.SessionToken), ("$at", Format(at)),
            ("$ua", origin.UserAgent), ("$ip", origin.RemoteAddress), ("$p", origin.Page));
    }

    private bool OwnerTookOver(string conversationId) =>
        Scalar("SELECT owner_took_over FROM conversations WHERE id = $c", ("$c", conversationId)) is long flag && flag != 0;

    /// <summary>Runs a statement inside the current batch's transaction, reusing its prepared command.</summary>
    private object? Scalar(string sql, params (string Name, object? Value)[] parameters)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = _writer!.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, _) in parameters)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            _commands[sql] = command;
        }

        command.Transaction = _transaction;
        for (var i = 0; i < parameters.Length; i++)
        {
            command.Parameters[i].Value = parameters[i].Value ?? DBNull.Value;
        }

        return command.ExecuteScalar();
    }

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
            await using var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync().ConfigureAwait(false);
            return await read(connection).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            throw Classify(ex);
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string Format(DateTimeOffset value) => value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private sealed class PendingWrite(Func<object?> work)
    {
        public Func<object?> Work { get; } = work;

        public object? Result { get; set; }

        // Continuations run off the writer loop so a slow caller never delays the next commit.
        public TaskCompletionSource<object?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "SQLite store opened at {Path} (schema version {SchemaVersion})")]
        public static partial void Opened(ILogger logger, string path, int schemaVersion);

        [LoggerMessage(EventId = 101, Level = LogLevel.Error, Message = "Commit of a batch of {BatchSize} writes failed")]
        public static partial void CommitFailed(ILogger logger, int batchSize, Exception exception);
    }
}
