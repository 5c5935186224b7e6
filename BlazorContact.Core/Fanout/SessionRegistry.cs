using System.Collections.Concurrent;
using BlazorContact.Core.Conversations;

namespace BlazorContact.Core.Fanout;

/// <summary>The live connections, by client id and by conversation (a conversation may be open in several tabs).</summary>
internal sealed class SessionRegistry
{
    private readonly ConcurrentDictionary<string, VisitorSession> _byClient = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<VisitorSession>> _byConversation = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public int Count => _byClient.Count;

    public ICollection<VisitorSession> All => _byClient.Values;

    public void Add(VisitorSession session)
    {
        _byClient[session.ClientId] = session;
        lock (_gate)
        {
            Attach(session, session.ConversationId);
        }
    }

    public void Remove(VisitorSession session)
    {
        _byClient.TryRemove(session.ClientId, out _);
        lock (_gate)
        {
            Detach(session, session.ConversationId);
        }
    }

    /// <summary>Moves a session to another conversation (a <c>resume</c>).</summary>
    public void Move(VisitorSession session, string conversationId, string sessionToken)
    {
        lock (_gate)
        {
            Detach(session, session.ConversationId);
            session.ConversationId = conversationId;
            session.SessionToken = sessionToken;
            Attach(session, conversationId);
        }
    }

    /// <summary>The sessions attached to a conversation right now (a copy, safe to enumerate).</summary>
    public VisitorSession[] InConversation(string conversationId)
    {
        lock (_gate)
        {
            return _byConversation.TryGetValue(conversationId, out var list) ? [.. list] : [];
        }
    }

    /// <summary>Each conversation with a connection here, with the lowest reply cursor among its connections.</summary>
    public List<KeyValuePair<string, long>> Cursors()
    {
        lock (_gate)
        {
            var cursors = new List<KeyValuePair<string, long>>(_byConversation.Count);
            foreach (var (conversationId, list) in _byConversation)
            {
                cursors.Add(new(conversationId, list.Min(s => s.DeliveredReplyId)));
            }

            return cursors;
        }
    }

    /// <summary>How many connections each conversation has here.</summary>
    public Dictionary<string, int> Counts()
    {
        lock (_gate)
        {
            return _byConversation.ToDictionary(p => p.Key, p => p.Value.Count, StringComparer.Ordinal);
        }
    }

    public bool IsOnline(string conversationId)
    {
        lock (_gate)
        {
            return _byConversation.ContainsKey(conversationId);
        }
    }

    private void Attach(VisitorSession session, string conversationId)
    {
        if (!_byConversation.TryGetValue(conversationId, out var list))
        {
            _byConversation[conversationId] = list = new List<VisitorSession>(1);
        }

        list.Add(session);
    }

    private void Detach(VisitorSession session, string conversationId)
    {
        if (_byConversation.TryGetValue(conversationId, out var list) && list.Remove(session) && list.Count == 0)
        {
            _byConversation.Remove(conversationId);
        }
    }
}
