using BlazorContact.Core.Conversations;
using BlazorContact.Core.Storage;

namespace BlazorContact.Core.Fanout;

/// <summary>
/// The seam between storing a message and the connections that should see it (SignalR's lifetime
/// manager plays this part). Connections attach to a conversation; a stored message is delivered to
/// every connection attached to its conversation; an announcement goes to every connection. The
/// in-process fan-out ships today; a cross-instance one (Redis) implements the same contract.
/// </summary>
/// <remarks>
/// Delivery promise: call <see cref="Deliver"/> only after the message is committed. Each connection has a
/// cursor, the highest reply id queued to it: a reply at or below it is a duplicate and skipped; a reply whose
/// <see cref="StoredMessage.PreviousReplyId"/> is above it means one was missed (committed out of order, or
/// lost on the way from another instance), so the connection is caught up from the store, in id order, off the
/// caller's thread. A connection therefore gets each reply once and in id order, however they arrive.
/// </remarks>
public interface IConversationFanout
{
    /// <summary>The connection receives its conversation's messages from now on.</summary>
    void Attach(VisitorSession session);

    /// <summary>The connection has ended.</summary>
    void Detach(VisitorSession session);

    /// <summary>Moves a connection to another conversation (a <c>resume</c>).</summary>
    void Move(VisitorSession session, string conversationId, string sessionToken);

    /// <summary>Queues a committed message to every connection attached to its conversation.</summary>
    void Deliver(StoredMessage message);

    /// <summary>
    /// Queues to the connection, before the task completes, every reply of its conversation up to
    /// <paramref name="throughReplyId"/> it has not been sent (read from the store). Called before a visitor's
    /// message is acknowledged, so a client never sees an id before every reply below it.
    /// </summary>
    Task CatchUpAsync(VisitorSession session, long throughReplyId, CancellationToken cancellationToken);

    /// <summary>Queues an announcement to every connection. Returns how many connections of this instance it was queued to.</summary>
    int Announce(string text);
}
