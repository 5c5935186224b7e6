using System.Collections.Concurrent;
using BlazorContact.Core.Protocol;
using BlazorContact.Core.Storage;
using BlazorContact.Tests.Support;
using Npgsql;

namespace BlazorContact.Tests.Storage;

/// <summary>
/// What only a database several instances share can get wrong: two stores (two servers) on one PostgreSQL
/// database writing one conversation at once, batches locking conversations in opposite orders, an outage of the
/// server, and two instances migrating an empty database at the same moment.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStorageTests(PostgresServer server) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;
    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = await server.CreateDatabaseAsync();

    public Task DisposeAsync() => server.DropDatabaseAsync(_connectionString);

    [Fact]
    public async Task Two_instances_writing_one_conversation_never_make_a_resuming_reader_skip_a_reply_and_keep_one_reply_chain()
    {
        await using var first = await PostgresStores.OpenAsync(_connectionString);
        await using var second = await PostgresStores.OpenAsync(_connectionString);
        await VisitorAsync(first, "c1", "start");
        var replies = new ConcurrentBag<StoredMessage>();
        var visitorMessages = new ConcurrentBag<VisitorMessageResult>();
        // Four writers per instance, replies and visitor messages interleaved, so both instances' batches hold the conversation's row in turn.
        var writers = Task.WhenAll(new[] { first, second }.SelectMany((instance, n) => Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 40; i++)
            {
                if (i % 2 == 0)
                {
                    replies.Add(await instance.Conversations.AppendReplyAsync(
                        new NewReply("c1", w % 2 == 0 ? Senders.Assistant : Senders.Owner, $"i{n} w{w} r{i}", null, T0), None));
                }
                else
                {
                    visitorMessages.Add(await VisitorAsync(instance, "c1", $"i{n} w{w} v{i}"));
                }
            }
        }))));

        var seen = new List<long>();
        var cursor = 0L;
        var readers = new[] { first, second };
        for (var poll = 0; ; poll++)
        {
            var done = writers.IsCompleted;
            // Alternate which instance reads: a reader on either one must see a gap-free log.
            foreach (var reply in await readers[poll % 2].Conversations.GetRepliesAfterAsync("c1", cursor, None))
            {
                Assert.True(reply.Id > cursor, $"reply {reply.Id} came after cursor {cursor}");
                seen.Add(reply.Id);
                cursor = reply.Id;
            }

            if (done)
            {
                break;
            }

            await Task.Yield();
        }

        await writers;
        var chain = replies.OrderBy(r => r.Id).ToList();
        Assert.Equal(160, chain.Count);
        Assert.Equal(chain.Select(r => r.Id), seen);
        Assert.Equal(0, chain[0].PreviousReplyId);
        for (var i = 1; i < chain.Count; i++)
        {
            Assert.Equal(chain[i - 1].Id, chain[i].PreviousReplyId);
        }

        // A visitor message names the latest reply committed before it: in one conversation that is the latest lower id.
        foreach (var message in visitorMessages)
        {
            Assert.Equal(chain.Where(r => r.Id < message.MessageId).Select(r => r.Id).DefaultIfEmpty(0).Max(), message.LastReplyId);
        }
    }

    [Fact]
    public async Task Batches_of_two_instances_locking_two_conversations_in_opposite_orders_all_commit()
    {
        await using var first = await PostgresStores.OpenAsync(_connectionString);
        await using var second = await PostgresStores.OpenAsync(_connectionString);
        foreach (var conversation in new[] { "x", "y", "p", "q", "w1", "w2" })
        {
            await VisitorAsync(first, conversation, "open");
        }

        // Two outside transactions steer the instances' batches: the first holds p and q, so each instance's first batch
        // ([p] and [q]) waits while the next writes queue up behind it and become one batch: [x, w1, y] and [y, w2, x].
        // The second holds w1 and w2, so each second batch stops after locking its first conversation. Releasing it
        // makes each want the row the other holds: a certain deadlock.
        await using var gate = await LockAsync("p", "q");
        await using var pause = await LockAsync("w1", "w2");
        var firstGate = ReplyAsync(first, "p");
        await UntilWaitingAsync(1);
        var firstBatch = new[] { ReplyAsync(first, "x"), ReplyAsync(first, "w1"), ReplyAsync(first, "y") };
        var secondGate = ReplyAsync(second, "q");
        await UntilWaitingAsync(2);
        var secondBatch = new[] { ReplyAsync(second, "y"), ReplyAsync(second, "w2"), ReplyAsync(second, "x") };

        await gate.CommitAsync();
        await Task.WhenAll(firstGate, secondGate);
        await UntilWaitingAsync(2);
        await pause.CommitAsync();

        var stored = await Task.WhenAll(firstBatch.Concat(secondBatch));
        Assert.Equal(6, stored.Select(r => r.Id).Distinct().Count());
        await Eventually.UntilAsync(async () => await DeadlocksAsync() >= 1, "PostgreSQL to count the deadlock", TimeSpan.FromSeconds(20));
        foreach (var conversation in new[] { "x", "y" })
        {
            var chain = (await first.Conversations.GetRepliesAfterAsync(conversation, 0, None)).ToList();
            Assert.Equal(2, chain.Count);
            Assert.Equal(
                [0, chain[0].Id],
                stored.Where(r => r.ConversationId == conversation).OrderBy(r => r.Id).Select(r => r.PreviousReplyId!.Value));
        }
    }

    [Fact]
    public async Task With_PostgreSQL_stopped_writes_fail_as_unavailable_and_store_nothing_and_after_it_starts_they_succeed()
    {
        await using var store = await PostgresStores.OpenAsync(_connectionString);
        var before = await VisitorAsync(store, "c1", "before the outage");

        await server.StopAsync();
        try
        {
            var writes = Enumerable.Range(0, 20).Select(i => VisitorAsync(store, "c1", $"during {i}", $"k{i}")).ToList();
            foreach (var write in writes)
            {
                await Assert.ThrowsAsync<StorageUnavailableException>(() => write);
            }

            await Assert.ThrowsAsync<StorageUnavailableException>(() => store.Conversations.AppendReplyAsync(new NewReply("c1", Senders.Owner, "lost", null, T0), None));
            await Assert.ThrowsAsync<StorageUnavailableException>(() => store.Conversations.GetMessagesAsync("c1", None));
            Assert.Throws<StorageUnavailableException>(() => store.KeyRing.GetAll());
        }
        finally
        {
            await server.StartAsync();
        }

        // The same store, not reopened: its writer and its pool find the server again.
        var after = await VisitorAsync(store, "c1", "after the outage", "k0");
        Assert.False(after.Duplicate);
        var messages = await store.Conversations.GetMessagesAsync("c1", None);
        Assert.Equal([(before.MessageId, "before the outage"), (after.MessageId, "after the outage")], messages.Select(m => (m.Id, m.Text)));
        store.KeyRing.Store("key-1", "<key />");
        Assert.Single(store.KeyRing.GetAll());
    }

    [Fact]
    public async Task Instances_starting_at_once_on_an_empty_database_migrate_it_once_and_all_start()
    {
        var instances = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => PostgresStores.OpenAsync(_connectionString))));
        try
        {
            await using (var connection = new NpgsqlConnection(_connectionString))
            {
                await connection.OpenAsync();
                await using var versions = new NpgsqlCommand("SELECT COUNT(*), COUNT(DISTINCT version), MAX(version) FROM schema_version", connection);
                await using var reader = await versions.ExecuteReaderAsync();
                await reader.ReadAsync();
                Assert.Equal(reader.GetInt64(0), reader.GetInt64(1));
                Assert.Equal(reader.GetInt64(0), reader.GetInt32(2));
                Assert.True(reader.GetInt32(2) >= 1);
            }

            var ids = await Task.WhenAll(instances.Select((instance, i) => VisitorAsync(instance, "c1", $"from instance {i}")));
            Assert.Equal(4, ids.Select(r => r.MessageId).Distinct().Count());
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }
        }
    }

    private static Task<VisitorMessageResult> VisitorAsync(StorageUnderTest storage, string conversationId, string text, string? clientMessageId = null) =>
        storage.Conversations.AppendVisitorMessageAsync(
            new NewVisitorMessage(new ConversationOrigin(conversationId, $"token-{conversationId}", "test agent", "192.0.2.1", "/"), text, "2025-03-01T08:00:00Z", clientMessageId, T0),
            None);

    private static Task<StoredMessage> ReplyAsync(StorageUnderTest storage, string conversationId) =>
        storage.Conversations.AppendReplyAsync(new NewReply(conversationId, Senders.Assistant, $"to {conversationId}", null, T0), None);

    /// <summary>An open transaction holding these conversations' rows; committing it releases them.</summary>
    private async Task<NpgsqlTransaction> LockAsync(params string[] conversationIds)
    {
        var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand("SELECT id FROM conversations WHERE id = ANY($1) FOR UPDATE", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = conversationIds });
        await command.ExecuteNonQueryAsync();
        return transaction;
    }

    private Task UntilWaitingAsync(int sessions) =>
        Eventually.UntilAsync(
            async () => await ScalarAsync("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") == sessions,
            $"{sessions} sessions to wait for a row lock");

    private Task<long> DeadlocksAsync() => ScalarAsync("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()");

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
