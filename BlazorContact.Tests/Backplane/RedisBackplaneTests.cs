using BlazorContact.Core.Conversations;
using BlazorContact.Core.Events;
using BlazorContact.Core.Protocol;
using BlazorContact.Core.Storage;
using BlazorContact.Tests.Support;

namespace BlazorContact.Tests.Backplane;

/// <summary>Two instances' backplane parts over one real <c>redis-server</c> and one store.</summary>
public sealed class RedisBackplaneTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private RedisServer _redis = null!;
    private SqliteTestStore _store = null!;
    private BackplaneNode _a = null!;
    private BackplaneNode _b = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _store = await SqliteTestStore.OpenAsync();
        var options = BackplaneNode.Options(_redis.Configuration, "pair");
        _a = await BackplaneNode.StartAsync(options, _store.Store);
        _b = await BackplaneNode.StartAsync(options, _store.Store);
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _store.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task A_reply_delivered_on_one_instance_reaches_the_connection_on_the_other()
    {
        var visitor = Attach(_a, "c1");
        await StartConversationAsync("c1");
        var reply = await ReplyAsync("c1", "from b");

        _b.Fanout.Deliver(reply);

        var received = await NextReplyAsync(visitor);
        Assert.Equal((reply.Id, "from b"), (received.MessageId, received.Message));
    }

    [Fact]
    public async Task A_reply_whose_announcement_was_lost_comes_from_the_store_with_the_next_one()
    {
        var visitor = Attach(_a, "c1");
        await StartConversationAsync("c1");
        var lost = await ReplyAsync("c1", "never published");
        var next = await ReplyAsync("c1", "published");

        _b.Fanout.Deliver(next);

        Assert.Equal(lost.Id, (await NextReplyAsync(visitor)).MessageId);
        Assert.Equal(next.Id, (await NextReplyAsync(visitor)).MessageId);
    }

    [Fact]
    public async Task Reconciliation_finds_a_reply_nobody_announced()
    {
        var visitor = Attach(_a, "c1");
        await StartConversationAsync("c1");
        var silent = await ReplyAsync("c1", "committed, never delivered");

        await _a.Fanout.ReconcileAsync("test", CancellationToken.None);

        Assert.Equal(silent.Id, (await NextReplyAsync(visitor)).MessageId);
    }

    [Fact]
    public async Task An_announcement_reaches_connections_on_every_instance()
    {
        var onA = Attach(_a, "c1");
        var onB = Attach(_b, "c2");

        Assert.Equal(1, _b.Fanout.Announce("maintenance"));

        foreach (var visitor in new[] { onA, onB })
        {
            var frame = await visitor.Outbound.Reader.ReadAsync().AsTask().WaitAsync(Patience);
            Assert.Equal("maintenance", Assert.IsType<Announcement>(ServerMessageReader.Read(frame)).Message);
        }
    }

    [Fact]
    public async Task Events_from_another_instance_reach_subscribers_there_but_not_its_local_subscribers()
    {
        var everywhere = new List<ContactEvent>();
        var local = new List<ContactEvent>();
        using var inbox = _b.Bus.Subscribe(e => { lock (everywhere) { everywhere.Add(e); } });
        using var notifier = _b.Bus.SubscribeLocal(e => { lock (local) { local.Add(e); } });

        _a.Bus.Publish(new ContactRequestStored("c1", 7));
        await Eventually.UntilAsync(() => { lock (everywhere) { return everywhere.Contains(new ContactRequestStored("c1", 7)); } }, "B's inbox to get A's event");
        _b.Bus.Publish(new ConversationUpdated("c2"));

        await Eventually.UntilAsync(() => { lock (local) { return local.Count == 1; } }, "B's own event locally");
        lock (local)
        {
            Assert.Equal([new ConversationUpdated("c2")], local);
        }
    }

    [Fact]
    public async Task Presence_is_cluster_wide_and_a_dead_instance_s_visitors_go_offline_within_the_ttl()
    {
        var visitor = Attach(_a, "c1");
        await Eventually.UntilAsync(() => _b.Fanout.IsOnline("c1") && _b.Fanout.OnlineCount == 1, "B to see A's visitor");

        // A dies without a word: no disconnect event, no more heartbeats.
        await _a.Backplane.StopAsync(CancellationToken.None);

        await Eventually.UntilAsync(() => !_b.Fanout.IsOnline("c1") && _b.Fanout.OnlineCount == 0, "A's visitor to expire from B's presence");
        Assert.True(_a.Fanout.IsOnline(visitor.ConversationId));
    }

    private static VisitorSession Attach(BackplaneNode node, string conversationId)
    {
        var session = new VisitorSession(
            Guid.NewGuid().ToString("N"), conversationId, $"token-{conversationId}", new VisitorEndpoint(null, "127.0.0.1", null),
            DateTimeOffset.UnixEpoch, new OutboundQueue(256));
        node.Fanout.Attach(session);
        return session;
    }

    private Task StartConversationAsync(string conversationId) =>
        _store.Store.AppendVisitorMessageAsync(
            new NewVisitorMessage(new ConversationOrigin(conversationId, $"token-{conversationId}", null, null, null), "hello", "2025-01-01T00:00:00Z", null, DateTimeOffset.UtcNow),
            CancellationToken.None);

    private Task<StoredMessage> ReplyAsync(string conversationId, string text) =>
        _store.Store.AppendReplyAsync(new NewReply(conversationId, Senders.Owner, text, null, DateTimeOffset.UtcNow), CancellationToken.None);

    private static async Task<ChatReply> NextReplyAsync(VisitorSession session)
    {
        var frame = await session.Outbound.Reader.ReadAsync().AsTask().WaitAsync(Patience);
        return Assert.IsType<ChatReply>(ServerMessageReader.Read(frame));
    }
}
