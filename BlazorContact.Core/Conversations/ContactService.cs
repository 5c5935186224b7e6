using BlazorContact.Core.Events;
using BlazorContact.Core.Fanout;
using BlazorContact.Core.Protocol;
using BlazorContact.Core.Replies;
using BlazorContact.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlazorContact.Core.Conversations;

/// <summary>
/// The visitors' side: every input from a raw WebSocket or a Blazor circuit flows through here:
/// parse → store → acknowledge → publish, and for a chat message, an answer scheduled with
/// <see cref="AssistantReplies"/> (it runs off the receive loop). Owner actions live in
/// <c>OwnerDesk</c>, inbox reads in <c>InboxQueries</c>.
/// Delivery promise: an acknowledgement or reply is queued to a connection only after it is committed,
/// so <c>resume</c> can always replay what a dropped connection missed.
/// </summary>
public sealed partial class ContactService
{
    private readonly IConversationStore _store;
    private readonly IConversationFanout _fanout;
    private readonly IContactEventBus _events;
    private readonly AssistantReplies _replies;
    private readonly ContactOptions _options;
    private readonly ServerText _text;
    private readonly ProtocolLimits _limits;
    private readonly TimeProvider _time;
    private readonly IIdGenerator _ids;
    private readonly VisitorLimits _visitorLimits;
    private readonly ILogger<ContactService> _logger;

    public ContactService(
        IConversationStore store,
        IConversationFanout fanout,
        IContactEventBus events,
        AssistantReplies replies,
        IOptions<ContactOptions> options,
        ServerText text,
        TimeProvider time,
        IIdGenerator ids,
        VisitorLimits visitorLimits,
        ILogger<ContactService> logger)
    {
        _store = store;
        _fanout = fanout;
        _events = events;
        _replies = replies;
        _options = options.Value;
        _text = text;
        _limits = new ProtocolLimits(_options.MaxMessageLength);
        _time = time;
        _ids = ids;
        _visitorLimits = visitorLimits;
        _logger = logger;
    }

    /// <summary>Registers a new connection and queues <c>connection_established</c> to it.</summary>
    public VisitorSession Connect(VisitorEndpoint endpoint, OutboundQueue outbound)
    {
        var now = _time.GetUtcNow();
        var session = new VisitorSession(
            _ids.NewClientId(), _ids.NewConversationId(), _ids.NewSessionToken(), endpoint, now, outbound);
        _fanout.Attach(session);
        ContactMetrics.ConnectionOpened();
        session.Send(new ConnectionEstablished(_text.ConnectionEstablished, session.ClientId, now, session.SessionToken, session.ConversationId));
        Log.Connected(_logger, session.ClientId, session.ConversationId, endpoint.RemoteAddress);
        _events.Publish(new VisitorConnected(session.ConversationId, session.ClientId));
        return session;
    }

    /// <summary>Forgets a connection that has ended.</summary>
    public void Disconnect(VisitorSession session)
    {
        _fanout.Detach(session);
        session.Outbound.Complete();
        ContactMetrics.ConnectionClosed();
        Log.Disconnected(_logger, session.ClientId, session.ConversationId);
        _events.Publish(new VisitorDisconnected(session.ConversationId, session.ClientId));
    }

    /// <summary>
    /// Parses one text frame and handles it. Returns when the frame's acknowledgement (if any) is
    /// queued; an answer follows later, so the caller can read the next frame at once.
    /// </summary>
    public Task HandleFrameAsync(VisitorSession session, ReadOnlyMemory<byte> utf8Frame, CancellationToken cancellationToken)
    {
        var receivedAt = _time.GetTimestamp();
        session.Touch(_time.GetUtcNow());
        if (_visitorLimits.TryTakeMessage(session) is { } limited)
        {
            Reject(session, new ProtocolError(ErrorCodes.RateLimited, Detail: limited));
            return Task.CompletedTask;
        }

        var parsed = ClientMessageParser.Parse(utf8Frame, _limits);
        if (parsed.Error is { } error)
        {
            Reject(session, error);
            return Task.CompletedTask;
        }

        ContactMetrics.MessageIn(parsed.Message!);
        return HandleAsync(session, parsed.Message!, receivedAt, cancellationToken);
    }

    /// <summary>The one place a rejected input becomes an <c>error</c> message, a log line and a metric.</summary>
    public void Reject(VisitorSession session, ProtocolError error)
    {
        Log.Rejected(_logger, session.ClientId, error.Code, error.Field, error.Detail);
        ContactMetrics.Error(error.Code);
        session.Send(new ErrorMessage(_text.Describe(error, _options.MaxMessageLength), error.Code, _time.GetUtcNow()));
    }

    private async Task HandleAsync(VisitorSession session, ClientMessage message, long receivedAt, CancellationToken cancellationToken)
    {
        try
        {
            switch (message)
            {
                case Ping:
                    session.Send(new Pong(_time.GetUtcNow()));
                    break;
                case ChatMessage chat:
                    await HandleChatAsync(session, chat, receivedAt, cancellationToken).ConfigureAwait(false);
                    break;
                case ContactRequest request:
                    await HandleContactRequestAsync(session, request, receivedAt, cancellationToken).ConfigureAwait(false);
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

    private async Task HandleChatAsync(VisitorSession session, ChatMessage chat, long receivedAt, CancellationToken cancellationToken)
    {
        if (RefuseNewConversation(session))
        {
            return;
        }

        var origin = session.Origin();
        var now = _time.GetUtcNow();
        var stored = await _store.AppendVisitorMessageAsync(
            new NewVisitorMessage(origin, chat.Message, chat.ClientTimestamp, chat.ClientMessageId, now), cancellationToken).ConfigureAwait(false);
        session.ConversationStarted = true;
        // The acknowledgement shows the client an id; every reply below it must be queued first, or a later
        // resume from that id would skip a reply still on its way (from another instance, or a delivery behind).
        if (stored.LastReplyId > session.DeliveredReplyId)
        {
            await _fanout.CatchUpAsync(session, stored.LastReplyId, cancellationToken).ConfigureAwait(false);
        }

        var ack = new ChatMessageReceived(_text.ChatMessageReceived, stored.StoredAt, stored.MessageId, chat.ClientMessageId);
        session.Send(ack);
        ContactMetrics.Ack(ack, _time, receivedAt);
        if (!stored.Duplicate)
        {
            _events.Publish(new MessageStored(origin.ConversationId, stored.MessageId, Senders.Visitor));
            if (stored.OwnerTookOver)
            {
                _events.Publish(new OwnerAttentionNeeded(
                    origin.ConversationId, OwnerAttentionReason.VisitorMessageAfterTakeover, chat.Message, now,
                    MessageId: stored.MessageId, Page: session.Page, UserAgent: session.Endpoint.UserAgent));
            }
        }

        // A resend is answered only if the first attempt never got its answer stored (say, the server
        // stopped in between); the owner having taken over silences the assistant.
        if (!stored.OwnerTookOver && !stored.Answered)
        {
            _replies.Schedule(new AnswerRequest(session, origin, stored.MessageId, chat.Message, chat.Stream));
        }
    }

    private async Task HandleContactRequestAsync(VisitorSession session, ContactRequest request, long receivedAt, CancellationToken cancellationToken)
    {
        if (_visitorLimits.TryTakeContactRequest(session) is { } limited)
        {
            Reject(session, new ProtocolError(ErrorCodes.RateLimited, Detail: limited));
            return;
        }

        if (RefuseNewConversation(session))
        {
            return;
        }

        if (request.Page is not null)
        {
            session.Page = request.Page;
        }

        var now = _time.GetUtcNow();
        var stored = new NewContactRequest(
            session.Origin() with { UserAgent = request.UserAgent }, request.Message, request.ClientTimestamp, request.UserAgent,
            request.Name, request.Email, request.Page, now);
        var requestId = await _store.AddContactRequestAsync(stored, cancellationToken).ConfigureAwait(false);
        session.ConversationStarted = true;
        Log.ContactRequest(_logger, session.ClientId, session.ConversationId, requestId);
        _events.Publish(new ContactRequestStored(session.ConversationId, requestId));
        // Notifiers only queue here (they send in the background), so the visitor's ack never waits on SMTP.
        _events.Publish(new OwnerAttentionNeeded(
            session.ConversationId, OwnerAttentionReason.ContactRequest, request.Message, now, RequestId: requestId,
            VisitorName: request.Name, VisitorEmail: request.Email, Page: request.Page, UserAgent: request.UserAgent));
        var ack = new ContactRequestReceived(_text.ContactRequestReceived, now, requestId);
        session.Send(ack);
        ContactMetrics.Ack(ack, _time, receivedAt);
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
        // Attach first, then read: a reply committed in between is delivered live and is also in the replay;
        // the connection's cursor (from the client's last id, then each reply queued) sends it once.
        _fanout.Move(session, conversation.Id, resume.SessionToken);
        session.RestartDelivery(resume.LastMessageId);
        session.ConversationStarted = true;
        var missed = await _store.GetRepliesAfterAsync(conversation.Id, resume.LastMessageId, cancellationToken).ConfigureAwait(false);
        var replayed = session.QueueMissed(conversation.Id, missed, count => new Resumed(_text.Resumed, now, conversation.Id, session.ClientId, count));

        Log.Resumed(_logger, session.ClientId, previous, conversation.Id, replayed);
        _events.Publish(new VisitorConnected(conversation.Id, session.ClientId));
    }

    /// <summary>
    /// A conversation is created by its first stored write, so that write is what counts as a new conversation;
    /// when the address has started too many, the write is refused (nothing stored) with <c>rate_limited</c>.
    /// </summary>
    private bool RefuseNewConversation(VisitorSession session)
    {
        if (session.ConversationStarted || _visitorLimits.TryStartConversation(session) is not { } limited)
        {
            return false;
        }

        Reject(session, new ProtocolError(ErrorCodes.RateLimited, Detail: limited));
        return true;
    }

    private async Task HandleHistoryAsync(VisitorSession session, HistoryRequest request, CancellationToken cancellationToken)
    {
        // One extra row tells whether older messages remain, without a second query.
        var rows = await _store.GetRecentMessagesAsync(session.ConversationId, request.BeforeMessageId, request.Limit + 1, cancellationToken).ConfigureAwait(false);
        var hasMore = rows.Count > request.Limit;
        var entries = rows.Skip(hasMore ? 1 : 0)
            .Select(m => new HistoryEntry(m.Id, m.Sender, m.Text, m.CreatedAt, m.ReplyTo, m.ClientMessageId))
            .ToList();
        session.Send(new History(_time.GetUtcNow(), session.ConversationId, entries, hasMore));
    }
}
