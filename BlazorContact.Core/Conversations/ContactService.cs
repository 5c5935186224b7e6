using System.Collections.Concurrent;
using BlazorContact.Core.Assistant;
using BlazorContact.Core.Protocol;
using BlazorContact.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlazorContact.Core.Conversations;

/// <summary>
/// The one place that knows the live sessions. Every input, from a raw WebSocket or a Blazor
/// circuit, flows through here: validate → store → acknowledge → assistant → store → fan out to
/// the conversation's connections and to <see cref="Changed"/> subscribers (the owner's inbox).
/// Delivery promise: an acknowledgement or reply is queued to a connection only after it is committed,
/// so <c>resume</c> can always replay what a dropped connection missed.
/// </summary>
public sealed partial class ContactService
{
    private readonly IConversationStore _store;
    private readonly IAssistant _assistant;
    private readonly SessionRegistry _sessions;
    private readonly ContactOptions _options;
    private readonly AssistantOptions _assistantOptions;
    private readonly ServerText _text;
    private readonly ProtocolLimits _limits;
    private readonly TimeProvider _time;
    private readonly IIdGenerator _ids;
    private readonly ILogger<ContactService> _logger;
    private readonly ConcurrentDictionary<long, byte> _answering = new();
    private readonly ConcurrentDictionary<string, UnansweredQuestion> _unanswered = new(StringComparer.Ordinal);

    public ContactService(
        IConversationStore store,
        IAssistant assistant,
        SessionRegistry sessions,
        IOptions<ContactOptions> options,
        IOptions<AssistantOptions> assistantOptions,
        TimeProvider time,
        IIdGenerator ids,
        ILogger<ContactService> logger)
    {
        _store = store;
        _assistant = assistant;
        _sessions = sessions;
        _options = options.Value;
        _assistantOptions = assistantOptions.Value;
        _text = ServerText.For(_options.Culture) ?? ServerText.Chinese;
        _limits = new ProtocolLimits(_options.MaxMessageLength);
        _time = time;
        _ids = ids;
        _logger = logger;
    }

    /// <summary>Raised after a stored change or a connection change; handlers must be quick and not throw.</summary>
    public event Action<ContactEvent>? Changed;

    /// <summary>The live connections.</summary>
    public SessionRegistry Sessions => _sessions;

    /// <summary>The texts of the configured culture.</summary>
    public ServerText Text => _text;

    /// <summary>Registers a new connection and queues <c>connection_established</c> to it.</summary>
    public VisitorSession Connect(VisitorEndpoint endpoint, OutboundQueue outbound)
    {
        var now = _time.GetUtcNow();
        var session = new VisitorSession(
            _ids.NewClientId(), _ids.NewConversationId(), _ids.NewSessionToken(), endpoint, now, outbound,
            new TokenBucket(_options.RateLimitPerSecond, _options.RateLimitBurst, _time));
        _sessions.Add(session);
        Send(session, new ConnectionEstablished(_text.ConnectionEstablished, session.ClientId, now, session.SessionToken, session.ConversationId));
        Log.Connected(_logger, session.ClientId, session.ConversationId, endpoint.RemoteAddress);
        Raise(new VisitorConnected(session.ConversationId, session.ClientId));
        return session;
    }

    /// <summary>Forgets a connection that has ended.</summary>
    public void Disconnect(VisitorSession session)
    {
        _sessions.Remove(session);
        session.Outbound.Complete();
        Log.Disconnected(_logger, session.ClientId, session.ConversationId);
        Raise(new VisitorDisconnected(session.ConversationId, session.ClientId));
    }

    /// <summary>Parses one text frame and handles it. Returns when the frame's acknowledgement (if any) is queued.</summary>
    public Task HandleFrameAsync(VisitorSession session, ReadOnlyMemory<byte> utf8Frame, CancellationToken cancellationToken)
    {
        session.Touch(_time.GetUtcNow());
        if (!session.RateLimit.TryTake())
        {
            Reject(session, new ProtocolError(ErrorCodes.RateLimited, Detail: "Too many messages from this connection."));
            return Task.CompletedTask;
        }

        var parsed = ClientMessageParser.Parse(utf8Frame, _limits);
        if (parsed.Error is { } error)
        {
            Reject(session, error);
            return Task.CompletedTask;
        }

        return HandleAsync(session, parsed.Message!, cancellationToken);
    }

    /// <summary>Handles a validated message (the Blazor widget calls this directly, skipping JSON).</summary>
    public async Task HandleAsync(VisitorSession session, ClientMessage message, CancellationToken cancellationToken)
    {
        try
        {
            switch (message)
            {
                case Ping:
                    Send(session, new Pong(_time.GetUtcNow()));
                    break;
                case ChatMessage chat:
                    await HandleChatAsync(session, chat, cancellationToken).ConfigureAwait(false);
                    break;
                case ContactRequest request:
                    await HandleContactRequestAsync(session, request, cancellationToken).ConfigureAwait(false);
                    break;
                case Resume resume:
                    await HandleResumeAsync(session, resume, cancellationToken).ConfigureAwait(false);
                    break;
                case HistoryRequest history:
                    await HandleHistoryAsync(session, history, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
        catch (StorageUnavailableException ex)
        {
            Log.StorageUnavailable(_logger, session.ClientId, ex);
            Reject(session, new ProtocolError(ErrorCodes.Unavailable, Detail: "Storage is unavailable; nothing was acknowledged."));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            Log.HandlerFailed(_logger, session.ClientId, ex);
            Reject(session, new ProtocolError(ErrorCodes.Internal, Detail: "Unexpected server error."));
        }
    }

    /// <summary>The one place a rejected input becomes an <c>error</c> message, a log line and a metric.</summary>
    public void Reject(VisitorSession session, ProtocolError error)
    {
        Log.Rejected(_logger, session.ClientId, error.Code, error.Field, error.Detail);
        ContactMetrics.Errors.Add(1, new KeyValuePair<string, object?>("code", error.Code));
        Send(session, new ErrorMessage(_text.Describe(error, _options.MaxMessageLength), error.Code, _time.GetUtcNow()));
    }

    /// <summary>Sends an announcement to every connected visitor. Returns how many it was queued to.</summary>
    public int Broadcast(string text)
    {
        // Serialized once: every connection queues the same bytes.
        var frame = ServerMessageWriter.Write(new Announcement(text, _time.GetUtcNow()));
        var sent = 0;
        foreach (var session in _sessions.All)
        {
            if (session.Outbound.TryEnqueue(frame))
            {
                sent++;
            }
        }

        Log.Broadcast(_logger, sent);
        return sent;
    }

    /// <summary>Stores the owner's reply and delivers it to the conversation's open connections.</summary>
    public async Task<StoredMessage> ReplyAsOwnerAsync(string conversationId, string text, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var reply = await _store.AppendReplyAsync(
            new NewReply(conversationId, Senders.Owner, text.Trim(), null, _time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        Deliver(reply);
        return reply;
    }

    /// <summary>The owner takes the conversation over (the assistant goes silent) or hands it back.</summary>
    public async Task SetOwnerTookOverAsync(string conversationId, bool tookOver, CancellationToken cancellationToken)
    {
        await _store.SetOwnerTookOverAsync(conversationId, tookOver, cancellationToken).ConfigureAwait(false);
        Raise(new TakeoverChanged(conversationId, tookOver));
    }

    /// <summary>The inbox's list: conversations, most recently active first.</summary>
    public Task<IReadOnlyList<ConversationSummary>> ListConversationsAsync(ConversationFilter filter, CancellationToken cancellationToken) =>
        _store.ListConversationsAsync(filter, 200, cancellationToken);

    /// <summary>Whether a visitor of the conversation is connected right now.</summary>
    public bool IsOnline(string conversationId) => _sessions.IsOnline(conversationId);

    /// <summary>One conversation with its full history and contact requests, or null.</summary>
    public async Task<ConversationDetail?> GetConversationAsync(string conversationId, CancellationToken cancellationToken)
    {
        var summary = await _store.GetSummaryAsync(conversationId, cancellationToken).ConfigureAwait(false);
        if (summary is null)
        {
            return null;
        }

        var messages = await _store.GetMessagesAsync(conversationId, cancellationToken).ConfigureAwait(false);
        var requests = await _store.GetContactRequestsAsync(conversationId, cancellationToken).ConfigureAwait(false);
        return new ConversationDetail(summary, IsOnline(conversationId), messages, requests);
    }

    /// <summary>Messages containing <paramref name="text"/>, newest first.</summary>
    public Task<IReadOnlyList<StoredMessage>> SearchAsync(string text, CancellationToken cancellationToken) =>
        _store.SearchMessagesAsync(text.Trim(), 100, cancellationToken);

    /// <summary>The owner has seen everything in the conversation so far.</summary>
    public async Task MarkReadAsync(string conversationId, CancellationToken cancellationToken)
    {
        await _store.MarkReadAsync(conversationId, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        Raise(new ConversationUpdated(conversationId));
    }

    /// <summary>Closes or reopens a conversation (a visitor writing again reopens it).</summary>
    public async Task SetClosedAsync(string conversationId, bool closed, CancellationToken cancellationToken)
    {
        await _store.SetClosedAsync(conversationId, closed, cancellationToken).ConfigureAwait(false);
        Raise(new ConversationUpdated(conversationId));
    }

    private async Task HandleChatAsync(VisitorSession session, ChatMessage chat, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var stored = await _store.AppendVisitorMessageAsync(
            new NewVisitorMessage(Origin(session), chat.Message, chat.ClientTimestamp, chat.ClientMessageId, now), cancellationToken).ConfigureAwait(false);
        Send(session, new ChatMessageReceived(_text.ChatMessageReceived, stored.StoredAt, stored.MessageId, chat.ClientMessageId));
        if (!stored.Duplicate)
        {
            Raise(new MessageStored(new StoredMessage(
                stored.MessageId, session.ConversationId, Senders.Visitor, chat.Message, now, chat.ClientMessageId, chat.ClientTimestamp, null)));
            if (stored.OwnerTookOver)
            {
                Raise(new OwnerAttentionNeeded(
                    session.ConversationId, OwnerAttentionReason.VisitorMessageAfterTakeover, chat.Message, now,
                    MessageId: stored.MessageId, Page: session.Page, UserAgent: session.Endpoint.UserAgent));
            }
        }

        // A resend is answered only if the first attempt never got its answer stored (say, the server
        // stopped in between) and no other connection is answering it right now.
        if (stored.OwnerTookOver || stored.Answered || !_answering.TryAdd(stored.MessageId, 0))
        {
            return;
        }

        try
        {
            // The assistant offered to pass an unanswered question on, and the visitor said yes.
            if (TakeUnansweredQuestion(session.ConversationId, chat.Message) is { } question)
            {
                await PassToOwnerAsync(session, question, stored.MessageId, cancellationToken).ConfigureAwait(false);
                return;
            }

            var answer = await AskAssistantAsync(session, chat, stored.MessageId, cancellationToken).ConfigureAwait(false);
            var reply = await _store.AppendReplyAsync(
                new NewReply(session.ConversationId, Senders.Assistant, answer, stored.MessageId, _time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            Deliver(reply);
        }
        finally
        {
            _answering.TryRemove(stored.MessageId, out _);
        }
    }

    private async Task<string> AskAssistantAsync(VisitorSession session, ChatMessage chat, long messageId, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_assistantOptions.ReplyBudget);
        try
        {
            var question = new AssistantQuestion(session.ConversationId, chat.Message)
            {
                History = await RecentHistoryAsync(session.ConversationId, messageId, timeout.Token).ConfigureAwait(false),
            };
            // Pieces go only to the connection that asked for them; every connection gets the stored reply.
            var answer = chat.Stream && _assistant is IStreamingAssistant streaming
                ? await streaming.AnswerStreamingAsync(
                    question, delta => Send(session, new ChatMessageDelta(_time.GetUtcNow(), messageId, delta)), timeout.Token).ConfigureAwait(false)
                : await _assistant.AnswerAsync(question, timeout.Token).ConfigureAwait(false);
            if (!answer.Found)
            {
                RememberUnanswered(session.ConversationId, chat.Message);
            }

            return answer.Text;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The visitor still gets an answer: the guide's fallback wording.
            Log.AssistantFailed(_logger, session.ConversationId, ex);
            return _text.AssistantUnavailable;
        }
    }

    /// <summary>The posts did not cover it: keep the question, in case the visitor asks to pass it on.</summary>
    private void RememberUnanswered(string conversationId, string question)
    {
        var now = _time.GetUtcNow();
        if (_unanswered.Count > 10_000)
        {
            // Visitors who never replied: forget offers that have expired anyway.
            foreach (var (key, value) in _unanswered)
            {
                if (now - value.At > UnansweredQuestion.OfferLifetime)
                {
                    _unanswered.TryRemove(key, out _);
                }
            }
        }

        _unanswered[conversationId] = new UnansweredQuestion(question, now);
    }

    /// <summary>
    /// The offer lasts one message: an affirmative reply within its lifetime takes the question; anything
    /// else drops it and is answered as usual.
    /// </summary>
    private string? TakeUnansweredQuestion(string conversationId, string message) =>
        _unanswered.TryRemove(conversationId, out var pending)
        && _time.GetUtcNow() - pending.At <= UnansweredQuestion.OfferLifetime
        && UnansweredQuestion.IsAffirmative(message)
            ? pending.Question
            : null;

    /// <summary>Stores the question as a contact request (so the owner is notified) and confirms it to the visitor.</summary>
    private async Task PassToOwnerAsync(VisitorSession session, string question, long replyTo, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var request = new NewContactRequest(
            Origin(session), question, now.ToString("O", System.Globalization.CultureInfo.InvariantCulture), session.Endpoint.UserAgent ?? "",
            null, null, session.Page, now);
        var requestId = await _store.AddContactRequestAsync(request, cancellationToken).ConfigureAwait(false);
        Log.ContactRequest(_logger, session.ClientId, session.ConversationId, requestId);
        Raise(new ContactRequestStored(session.ConversationId, requestId, request));
        Raise(new OwnerAttentionNeeded(
            session.ConversationId, OwnerAttentionReason.ContactRequest, question, now, RequestId: requestId,
            Page: session.Page, UserAgent: session.Endpoint.UserAgent));
        var reply = await _store.AppendReplyAsync(
            new NewReply(session.ConversationId, Senders.Assistant, _text.PassedToOwner, replyTo, now), cancellationToken).ConfigureAwait(false);
        Deliver(reply);
    }

    /// <summary>The messages before <paramref name="messageId"/> the assistant wants as context (none for the built-in one).</summary>
    private async Task<IReadOnlyList<AssistantTurn>> RecentHistoryAsync(string conversationId, long messageId, CancellationToken cancellationToken)
    {
        var count = _assistantOptions.HistoryMessagesForAssistant;
        if (count == 0)
        {
            return [];
        }

        var rows = await _store.GetRecentMessagesAsync(conversationId, messageId, count, cancellationToken).ConfigureAwait(false);
        return rows.Select(m => new AssistantTurn(m.Sender, m.Text)).ToList();
    }

    private async Task HandleContactRequestAsync(VisitorSession session, ContactRequest request, CancellationToken cancellationToken)
    {
        if (request.Page is not null)
        {
            session.Page = request.Page;
        }

        var now = _time.GetUtcNow();
        var stored = new NewContactRequest(
            Origin(session) with { UserAgent = request.UserAgent }, request.Message, request.ClientTimestamp, request.UserAgent,
            request.Name, request.Email, request.Page, now);
        var requestId = await _store.AddContactRequestAsync(stored, cancellationToken).ConfigureAwait(false);
        Log.ContactRequest(_logger, session.ClientId, session.ConversationId, requestId);
        Raise(new ContactRequestStored(session.ConversationId, requestId, stored));
        // Notifiers only queue here (they send in the background), so the visitor's ack never waits on SMTP.
        Raise(new OwnerAttentionNeeded(
            session.ConversationId, OwnerAttentionReason.ContactRequest, request.Message, now, RequestId: requestId,
            VisitorName: request.Name, VisitorEmail: request.Email, Page: request.Page, UserAgent: request.UserAgent));
        Send(session, new ContactRequestReceived(_text.ContactRequestReceived, now, requestId));
    }

    private async Task HandleResumeAsync(VisitorSession session, Resume resume, CancellationToken cancellationToken)
    {
        var conversation = await _store.FindBySessionTokenAsync(resume.SessionToken, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        if (conversation is null || now - conversation.LastActivityAt > _options.SessionLifetime)
        {
            Reject(session, new ProtocolError(ErrorCodes.InvalidField, "session_token", _text.SessionUnknown));
            return;
        }

        var previous = session.ConversationId;
        // Attach first, then read: a reply committed in between is delivered live and may also be in
        // the replay. A duplicate (same message_id) is harmless to a client; a gap would not be.
        _sessions.Move(session, conversation.Id, resume.SessionToken);
        var missed = await _store.GetRepliesAfterAsync(conversation.Id, resume.LastMessageId, cancellationToken).ConfigureAwait(false);
        Send(session, new Resumed(_text.Resumed, now, conversation.Id, session.ClientId, missed.Count));
        foreach (var reply in missed)
        {
            Send(session, ToWire(reply));
        }

        Log.Resumed(_logger, session.ClientId, previous, conversation.Id, missed.Count);
        Raise(new VisitorConnected(conversation.Id, session.ClientId));
    }

    private async Task HandleHistoryAsync(VisitorSession session, HistoryRequest request, CancellationToken cancellationToken)
    {
        // One extra row tells whether older messages remain, without a second query.
        var rows = await _store.GetRecentMessagesAsync(session.ConversationId, request.BeforeMessageId, request.Limit + 1, cancellationToken).ConfigureAwait(false);
        var hasMore = rows.Count > request.Limit;
        var entries = rows.Skip(hasMore ? 1 : 0)
            .Select(m => new HistoryEntry(m.Id, m.Sender, m.Text, m.CreatedAt, m.ReplyTo, m.ClientMessageId))
            .ToList();
        Send(session, new History(_time.GetUtcNow(), session.ConversationId, entries, hasMore));
    }

    /// <summary>Queues a stored reply to every connection of its conversation and tells the inbox.</summary>
    private void Deliver(StoredMessage reply)
    {
        var frame = ServerMessageWriter.Write(ToWire(reply));
        foreach (var session in _sessions.InConversation(reply.ConversationId))
        {
            session.Outbound.TryEnqueue(frame);
        }

        Raise(new MessageStored(reply));
    }

    private static ChatReply ToWire(StoredMessage reply) =>
        new(reply.Text, reply.CreatedAt, reply.Sender, reply.Id, reply.ReplyTo);

    private static ConversationOrigin Origin(VisitorSession session) =>
        new(session.ConversationId, session.SessionToken, session.Endpoint.UserAgent, session.Endpoint.RemoteAddress, session.Page);

    private static void Send(VisitorSession session, ServerMessage message) =>
        session.Outbound.TryEnqueue(ServerMessageWriter.Write(message));

    private void Raise(ContactEvent change)
    {
        var handlers = Changed;
        if (handlers is null)
        {
            return;
        }

        foreach (var handler in handlers.GetInvocationList().Cast<Action<ContactEvent>>())
        {
            try
            {
                handler(change);
            }
            catch (Exception ex)
            {
                // A broken subscriber (a closed inbox tab) must not stop delivery to visitors.
                Log.SubscriberFailed(_logger, change.GetType().Name, ex);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Visitor {ClientId} connected (conversation {ConversationId}, from {RemoteAddress})")]
        public static partial void Connected(ILogger logger, string clientId, string conversationId, string? remoteAddress);

        [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Visitor {ClientId} disconnected (conversation {ConversationId})")]
        public static partial void Disconnected(ILogger logger, string clientId, string conversationId);

        [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Rejected input from {ClientId}: {Code} {Field} {Detail}")]
        public static partial void Rejected(ILogger logger, string clientId, string code, string? field, string? detail);

        [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Contact request {RequestId} from {ClientId} (conversation {ConversationId})")]
        public static partial void ContactRequest(ILogger logger, string clientId, string conversationId, long requestId);

        [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Visitor {ClientId} resumed conversation {ConversationId} (was {PreviousConversationId}); replayed {Replayed}")]
        public static partial void Resumed(ILogger logger, string clientId, string previousConversationId, string conversationId, int replayed);

        [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Announcement queued to {Count} visitors")]
        public static partial void Broadcast(ILogger logger, int count);

        [LoggerMessage(EventId = 7, Level = LogLevel.Error, Message = "Storage unavailable while handling {ClientId}")]
        public static partial void StorageUnavailable(ILogger logger, string clientId, Exception exception);

        [LoggerMessage(EventId = 8, Level = LogLevel.Error, Message = "Handling a message from {ClientId} failed")]
        public static partial void HandlerFailed(ILogger logger, string clientId, Exception exception);

        [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "Assistant failed for conversation {ConversationId}; sent the fallback answer")]
        public static partial void AssistantFailed(ILogger logger, string conversationId, Exception exception);

        [LoggerMessage(EventId = 10, Level = LogLevel.Error, Message = "A {EventType} subscriber threw")]
        public static partial void SubscriberFailed(ILogger logger, string eventType, Exception exception);
    }
}
