using BlazorContact.Core.Conversations;
using BlazorContact.Core.Events;
using BlazorContact.Core.Fanout;
using BlazorContact.Core.Storage;

namespace BlazorContact.Core.Backplane;

/// <summary>
/// Fan-out across instances. Every instance delivers to its own connections through its
/// <see cref="InProcessConversationFanout"/> (the reply cursor skips duplicates and repairs gaps from the store);
/// a committed reply or an announcement is also published for the other instances, without waiting. Presence
/// is cluster-wide (<see cref="ClusterPresence"/>). Reconciliation compares each local conversation's lowest
/// cursor with the store's latest reply, every <see cref="RedisOptions.ReconcileInterval"/> and after each
/// reconnection, so a reply whose announcement was lost arrives seconds late, never not at all.
/// </summary>
public sealed class RedisConversationFanout : IConversationFanout, IVisitorPresence, IBackplaneListener
{
    private const int ReconcileBatch = 500;

    private readonly InProcessConversationFanout _local;
    private readonly RedisBackplane _backplane;
    private readonly IConversationStore _store;
    private readonly ClusterPresence _presence;

    public RedisConversationFanout(InProcessConversationFanout local, RedisBackplane backplane, IConversationStore store)
    {
        _local = local;
        _backplane = backplane;
        _store = store;
        _presence = new ClusterPresence(backplane);
        backplane.AddListener(this);
    }

    public int OnlineCount => _local.OnlineCount + _presence.OnlineCount;

    public bool IsOnline(string conversationId) => _local.IsOnline(conversationId) || _presence.IsOnline(conversationId);

    public void Attach(VisitorSession session) => _local.Attach(session);

    public void Detach(VisitorSession session) => _local.Detach(session);

    public void Move(VisitorSession session, string conversationId, string sessionToken) => _local.Move(session, conversationId, sessionToken);

    public void Deliver(StoredMessage message)
    {
        _local.Deliver(message);
        _backplane.Publish(_backplane.Envelope(BackplaneEnvelope.ReplyKind) with
        {
            Reply = new BackplaneReply(
                message.Id, message.ConversationId, message.PreviousReplyId ?? 0, message.Sender, message.Text, message.CreatedAt, message.ReplyTo),
        });
    }

    public Task CatchUpAsync(VisitorSession session, long throughReplyId, CancellationToken cancellationToken) =>
        _local.CatchUpAsync(session, throughReplyId, cancellationToken);

    /// <summary>Queued here at once and published for every other instance's connections; returns this instance's count.</summary>
    public int Announce(string text)
    {
        _backplane.Publish(_backplane.Envelope(BackplaneEnvelope.AnnouncementKind) with { Announcement = text });
        return _local.Announce(text);
    }

    void IBackplaneListener.Receive(BackplaneEnvelope envelope)
    {
        switch (envelope)
        {
            case { Reply: { } reply }:
                // The cursor rule decides: queued, a duplicate skipped, or a gap fetched from the store.
                _local.Deliver(new StoredMessage(
                    reply.Id, reply.ConversationId, reply.Sender, reply.Text, reply.CreatedAt, null, null, reply.ReplyTo, reply.PreviousReplyId));
                break;
            case { Announcement: { } text }:
                _local.Announce(text);
                break;
            case { Event: VisitorConnected connected }:
                _presence.Change(envelope.Origin, connected.ConversationId, +1);
                break;
            case { Event: VisitorDisconnected disconnected }:
                _presence.Change(envelope.Origin, disconnected.ConversationId, -1);
                break;
        }
    }

    async Task IBackplaneListener.TickAsync(BackplaneTick tick, CancellationToken cancellationToken)
    {
        if (tick.Heartbeat)
        {
            await _presence.BeatAsync(_local.Counts()).ConfigureAwait(false);
        }

        if (tick.Reconcile || tick.Resynced)
        {
            await ReconcileAsync(tick.Resynced ? "resync" : "reconcile", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Catches up every local conversation whose connections are behind the store. Reads the store only, so it works with Redis down too.</summary>
    internal async Task ReconcileAsync(string reason, CancellationToken cancellationToken)
    {
        foreach (var batch in _local.Cursors().Chunk(ReconcileBatch))
        {
            var latest = await _store.GetLastReplyIdsAsync([.. batch.Select(c => c.Key)], cancellationToken).ConfigureAwait(false);
            foreach (var (conversationId, cursor) in batch)
            {
                if (latest.TryGetValue(conversationId, out var last) && last > cursor)
                {
                    _local.RequestCatchUp(conversationId, reason);
                }
            }
        }
    }
}
