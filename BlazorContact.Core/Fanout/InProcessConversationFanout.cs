using BlazorContact.Core.Conversations;
using BlazorContact.Core.Protocol;
using BlazorContact.Core.Storage;
using Microsoft.Extensions.Logging;

namespace BlazorContact.Core.Fanout;

/// <summary>Fan-out and presence for one instance: the connections of this process, in a <see cref="SessionRegistry"/>.</summary>
public sealed partial class InProcessConversationFanout(TimeProvider time, ILogger<InProcessConversationFanout> logger)
    : IConversationFanout, IVisitorPresence
{
    private readonly SessionRegistry _sessions = new();

    public int OnlineCount => _sessions.Count;

    public bool IsOnline(string conversationId) => _sessions.IsOnline(conversationId);

    public void Attach(VisitorSession session) => _sessions.Add(session);

    public void Detach(VisitorSession session) => _sessions.Remove(session);

    public void Move(VisitorSession session, string conversationId, string sessionToken) =>
        _sessions.Move(session, conversationId, sessionToken);

    public void Deliver(StoredMessage message)
    {
        // Serialized once: every connection of the conversation queues the same bytes.
        var reply = new ChatReply(message.Text, message.CreatedAt, message.Sender, message.Id, message.ReplyTo);
        var frame = ServerMessageWriter.Write(reply);
        var queued = 0;
        foreach (var session in _sessions.InConversation(message.ConversationId))
        {
            if (session.Outbound.TryEnqueue(frame))
            {
                queued++;
            }
        }

        ContactMetrics.MessageOut(reply, queued);
    }

    public int Announce(string text)
    {
        var announcement = new Announcement(text, time.GetUtcNow());
        var frame = ServerMessageWriter.Write(announcement);
        var sent = 0;
        foreach (var session in _sessions.All)
        {
            if (session.Outbound.TryEnqueue(frame))
            {
                sent++;
            }
        }

        ContactMetrics.MessageOut(announcement, sent);
        Log.Announced(logger, sent);
        return sent;
    }
}
