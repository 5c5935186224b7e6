using BlazorContact.Core.Conversations;
using BlazorContact.Core.Fanout;
using BlazorContact.Core.Protocol;
using BlazorContact.Core.Storage;
using BlazorContact.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace BlazorContact.Tests.Fanout;

/// <summary>
/// The per-connection delivery cursor: each connection gets each reply once and in id order, however replies
/// arrive (twice, out of order, one lost), with whatever is missing read from the store.
/// </summary>
public sealed class ReplyCursorTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private SqliteTestStore _store = null!;
    private InProcessConversationFanout _fanout = null!;

    public async Task InitializeAsync()
    {
        _store = await SqliteTestStore.OpenAsync();
        _fanout = new InProcessConversationFanout(_store.Store, TimeProvider.System, NullLogger<InProcessConversationFanout>.Instance);
    }

    public async Task DisposeAsync()
    {
        _fanout.Dispose();
        await _store.DisposeAsync();
    }

    [Fact]
    public async Task A_reply_delivered_twice_is_queued_once()
    {
        var session = Attach("c1");
        await StartConversationAsync("c1");
        var first = await ReplyAsync("c1", "one");
        var second = await ReplyAsync("c1", "two");

        _fanout.Deliver(first);
        _fanout.Deliver(first);
        _fanout.Deliver(second);
        _fanout.Deliver(first);

        Assert.Equal([first.Id, second.Id], await QueuedIdsAsync(session, 2));
        Assert.False(session.Outbound.Reader.TryRead(out _));
    }

    [Fact]
    public async Task A_reply_whose_previous_one_never_came_brings_the_missing_one_from_the_store_first()
    {
        var session = Attach("c1");
        await StartConversationAsync("c1");
        var first = await ReplyAsync("c1", "lost on the way");
        var second = await ReplyAsync("c1", "arrives");
        Assert.Equal(first.Id, second.PreviousReplyId);

        _fanout.Deliver(second);

        Assert.Equal([first.Id, second.Id], await QueuedIdsAsync(session, 2));
        await Eventually.UntilAsync(() => _fanout.CatchUpsRunning == 0, "the catch-up to finish");
        _fanout.Deliver(first);
        Assert.False(session.Outbound.Reader.TryRead(out _));
    }

    [Fact]
    public async Task Replies_delivered_out_of_order_reach_every_connection_in_id_order()
    {
        var tabs = new[] { Attach("c1"), Attach("c1") };
        await StartConversationAsync("c1");
        var replies = new List<StoredMessage>();
        for (var i = 0; i < 5; i++)
        {
            replies.Add(await ReplyAsync("c1", $"reply {i}"));
        }

        foreach (var reply in Enumerable.Reverse(replies))
        {
            _fanout.Deliver(reply);
        }

        foreach (var tab in tabs)
        {
            Assert.Equal(replies.Select(r => r.Id), await QueuedIdsAsync(tab, replies.Count));
        }
    }

    [Fact]
    public async Task Catching_up_before_an_acknowledgement_queues_the_missed_replies_before_it_returns()
    {
        var session = Attach("c1");
        await StartConversationAsync("c1");
        var missed = await ReplyAsync("c1", "never delivered");

        await _fanout.CatchUpAsync(session, missed.Id, CancellationToken.None);

        Assert.True(session.Outbound.Reader.TryRead(out var frame), "the missed reply is queued when the catch-up returns");
        Assert.Equal(missed.Id, Assert.IsType<ChatReply>(ServerMessageReader.Read(frame)).MessageId);
        Assert.Equal(missed.Id, session.DeliveredReplyId);
    }

    [Fact]
    public async Task A_replay_skips_what_the_connection_already_got_live()
    {
        var session = Attach("c1");
        await StartConversationAsync("c1");
        var first = await ReplyAsync("c1", "live and replayed");
        var second = await ReplyAsync("c1", "replayed only");

        session.RestartDelivery(0);
        _fanout.Deliver(first);
        var replayed = session.QueueMissed("c1", [first, second], count => new Resumed("resumed", DateTimeOffset.UnixEpoch, "c1", session.ClientId, count));

        Assert.Equal(1, replayed);
        var frames = new List<ServerMessage>();
        while (session.Outbound.Reader.TryRead(out var frame))
        {
            frames.Add(ServerMessageReader.Read(frame)!);
        }

        Assert.Collection(
            frames,
            live => Assert.Equal(first.Id, Assert.IsType<ChatReply>(live).MessageId),
            header => Assert.Equal(1, Assert.IsType<Resumed>(header).Replayed),
            replay => Assert.Equal(second.Id, Assert.IsType<ChatReply>(replay).MessageId));
    }

    private VisitorSession Attach(string conversationId)
    {
        var session = new VisitorSession(
            Guid.NewGuid().ToString("N"), conversationId, $"token-{conversationId}", new VisitorEndpoint(null, "127.0.0.1", null),
            DateTimeOffset.UnixEpoch, new OutboundQueue(256));
        _fanout.Attach(session);
        return session;
    }

    private Task StartConversationAsync(string conversationId) =>
        _store.Store.AppendVisitorMessageAsync(
            new NewVisitorMessage(new ConversationOrigin(conversationId, $"token-{conversationId}", null, null, null), "hello", "2025-01-01T00:00:00Z", null, DateTimeOffset.UtcNow),
            CancellationToken.None);

    private Task<StoredMessage> ReplyAsync(string conversationId, string text) =>
        _store.Store.AppendReplyAsync(new NewReply(conversationId, Senders.Owner, text, null, DateTimeOffset.UtcNow), CancellationToken.None);

    private static async Task<List<long>> QueuedIdsAsync(VisitorSession session, int count)
    {
        var ids = new List<long>();
        for (var i = 0; i < count; i++)
        {
            var frame = await session.Outbound.Reader.ReadAsync().AsTask().WaitAsync(Patience);
            ids.Add(Assert.IsType<ChatReply>(ServerMessageReader.Read(frame)).MessageId);
        }

        return ids;
    }
}
