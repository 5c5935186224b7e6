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
/// Delivery promise: call <see cref="Deliver"/> only after the message is committed, so a connection
/// that misses it (dropped, or attached to another instance that lost the announcement) finds it with
/// <c>resume</c>. Delivery to one connection is in call order; callers deliver one conversation's
/// messages in id order.
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

    /// <summary>Queues an announcement to every connection. Returns how many connections of this instance it was queued to.</summary>
    int Announce(string text);
}
