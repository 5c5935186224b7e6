using BlazorContact.Core.Conversations;
using BlazorContact.Core.Fanout;
using BlazorContact.Core.Protocol;
using BlazorContact.Core.Storage;

namespace BlazorContact.Tests.Fanout;

/// <summary>What every <see cref="IConversationFanout"/> with <see cref="IVisitorPresence"/> must do; each implementation runs it.</summary>
public abstract class ConversationFanoutSpec : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private int _clients;

    protected IConversationFanout Fanout { get; private set; } = null!;

    protected IVisitorPresence Presence { get; private set; } = null!;

    public async Task InitializeAsync() => (Fanout, Presence) = await CreateAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected abstract Task<(IConversationFanout Fanout, IVisitorPresence Presence)> CreateAsync();

    [Fact]
    public async Task A_stored_message_reaches_every_connection_of_its_conversation_and_no_other()
    {
        var tabOne = Attach("c1");
        var tabTwo = Attach("c1");
        var elsewhere = Attach("c2");

        Fanout.Deliver(Message(10, "c1", "owner here"));

        Assert.Equal(10, (await NextReplyAsync(tabOne)).MessageId);
        Assert.Equal(10, (await NextReplyAsync(tabTwo)).MessageId);
        Assert.False(elsewhere.Outbound.Reader.TryRead(out _));
    }

    [Fact]
    public async Task Messages_reach_a_connection_in_the_order_they_were_delivered()
    {
        var tab = Attach("c1");

        for (var id = 1; id <= 50; id++)
        {
            Fanout.Deliver(Message(id, "c1", $"reply {id}"));
        }

        for (var id = 1; id <= 50; id++)
        {
            Assert.Equal(id, (await NextReplyAsync(tab)).MessageId);
        }
    }

    [Fact]
    public async Task A_moved_connection_follows_its_new_conversation()
    {
        var tab = Attach("c1");

        Fanout.Move(tab, "c2", "token-2");
        Fanout.Deliver(Message(1, "c1", "old"));
        Fanout.Deliver(Message(2, "c2", "new"));

        Assert.Equal("c2", tab.ConversationId);
        Assert.Equal(2, (await NextReplyAsync(tab)).MessageId);
        Assert.False(Presence.IsOnline("c1"));
        Assert.True(Presence.IsOnline("c2"));
    }

    [Fact]
    public void A_detached_connection_gets_nothing_and_is_offline()
    {
        var tab = Attach("c1");

        Fanout.Detach(tab);
        Fanout.Deliver(Message(1, "c1", "late"));

        Assert.False(tab.Outbound.Reader.TryRead(out _));
        Assert.False(Presence.IsOnline("c1"));
        Assert.Equal(0, Presence.OnlineCount);
    }

    [Fact]
    public async Task An_announcement_reaches_every_connection()
    {
        VisitorSession[] tabs = [Attach("c1"), Attach("c2"), Attach("c3")];

        Assert.Equal(3, Fanout.Announce("maintenance at noon"));

        foreach (var tab in tabs)
        {
            var frame = await tab.Outbound.Reader.ReadAsync().AsTask().WaitAsync(Patience);
            Assert.Equal("maintenance at noon", Assert.IsType<Announcement>(ServerMessageReader.Read(frame)).Message);
        }

        Assert.Equal(3, Presence.OnlineCount);
    }

    private VisitorSession Attach(string conversationId)
    {
        var session = new VisitorSession(
            $"client-{Interlocked.Increment(ref _clients)}", conversationId, $"token-{conversationId}", new VisitorEndpoint(null, "127.0.0.1", null),
            DateTimeOffset.UnixEpoch, new OutboundQueue(256));
        Fanout.Attach(session);
        return session;
    }

    private static StoredMessage Message(long id, string conversationId, string text) =>
        new(id, conversationId, Senders.Owner, text, DateTimeOffset.UnixEpoch, null, null, null);

    private static async Task<ChatReply> NextReplyAsync(VisitorSession session)
    {
        var frame = await session.Outbound.Reader.ReadAsync().AsTask().WaitAsync(Patience);
        return Assert.IsType<ChatReply>(ServerMessageReader.Read(frame));
    }
}
