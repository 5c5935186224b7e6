using BlazorContact.Core.Conversations;
using BlazorContact.Core.Protocol;
using BlazorContact.Core.Storage;
using Microsoft.Extensions.Logging;

namespace BlazorContact.Core.Fanout;

/// <summary>
/// Fan-out and presence for one instance: the connections of this process, in a <see cref="SessionRegistry"/>,
/// each delivered to by its reply cursor (gaps repaired from the store by <see cref="ReplyCatchUp"/>).
/// The Redis fan-out delivers through this one on each instance.
/// </summary>
public sealed partial class InProcessConversationFanout : IConversationFanout, IVisitorPresence, IDisposable
{
    private readonly SessionRegistry _sessions = new();
    private readonly ReplyCatchUp _catchUp;
    private readonly TimeProvider _time;
    private readonly ILogger<InProcessConversationFanout> _logger;

    public InProcessConversationFanout(IConversationStore store, TimeProvider time, ILogger<InProcessConversationFanout> logger)
    {
        _catchUp = new ReplyCatchUp(_sessions, store, logger);
        _time = time;
        _logger = logger;
    }

    public int OnlineCount => _sessions.Count;

    /// <summary>Conversation catch-ups running now.</summary>
    internal int CatchUpsRunning => _catchUp.Running;

    public bool IsOnline(string conversationId) => _sessions.IsOnline(conversationId);

    public void Attach(VisitorSession session) => _sessions.Add(session);

    public void Detach(VisitorSession session) => _sessions.Remove(session);

    public void Move(VisitorSession session, string conversationId, string sessionToken) =>
        _sessions.Move(session, conversationId, sessionToken);

    public void Deliver(StoredMessage message)
    {
        var sessions = _sessions.InConversation(message.ConversationId);
        if (sessions.Length == 0)
        {
            return;
        }

        // Serialized once: every connection of the conversation queues the same bytes.
        var reply = new ChatReply(message.Text, message.CreatedAt, message.Sender, message.Id, message.ReplyTo);
        var frame = ServerMessageWriter.Write(reply);
        var gap = false;
        var queued = 0;
        foreach (var session in sessions)
        {
            switch (session.QueueLive(message, frame))
            {
                case DeliveryOutcome.Queued:
                    queued++;
                    break;
                case DeliveryOutcome.Gap:
                    gap = true;
                    break;
            }
        }

        if (gap)
        {
            _catchUp.Request(message.ConversationId, "gap");
        }

        ContactMetrics.MessageOut(reply, queued);
    }

    public Task CatchUpAsync(VisitorSession session, long throughReplyId, CancellationToken cancellationToken) =>
        _catchUp.CatchUpAsync(session, throughReplyId, cancellationToken);

    public int Announce(string text)
    {
        var announcement = new Announcement(text, _time.GetUtcNow());
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
        Log.Announced(_logger, sent);
        return sent;
    }

    public void Dispose() => _catchUp.Dispose();

    /// <summary>Each conversation with a connection here and the lowest reply cursor among its connections.</summary>
    internal List<KeyValuePair<string, long>> Cursors() => _sessions.Cursors();

    /// <summary>How many connections each conversation has here.</summary>
    internal Dictionary<string, int> Counts() => _sessions.Counts();

    /// <summary>Schedules a catch-up of a conversation's connections from the store.</summary>
    internal void RequestCatchUp(string conversationId, string reason) => _catchUp.Request(conversationId, reason);
}
