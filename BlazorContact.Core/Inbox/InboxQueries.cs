using BlazorContact.Core.Fanout;
using BlazorContact.Core.Storage;

namespace BlazorContact.Core.Inbox;

/// <summary>What the owner's inbox reads: lists, one conversation, search. Read-only; maps storage records to inbox views.</summary>
public sealed class InboxQueries(IConversationStore store, IVisitorPresence presence)
{
    /// <summary>Most conversations one list returns.</summary>
    public const int ListLimit = 200;

    /// <summary>Most messages one search returns.</summary>
    public const int SearchLimit = 100;

    /// <summary>Open visitor connections.</summary>
    public int OnlineCount => presence.OnlineCount;

    /// <summary>Conversations, most recently active first.</summary>
    public Task<IReadOnlyList<InboxConversation>> ListAsync(InboxFilter filter, CancellationToken cancellationToken) =>
        ListAsync(filter, ListLimit, cancellationToken);

    /// <summary>At most <paramref name="limit"/> conversations (1 to <see cref="ListLimit"/>), most recently active first.</summary>
    public async Task<IReadOnlyList<InboxConversation>> ListAsync(InboxFilter filter, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, ListLimit);
        var summaries = await store.ListConversationsAsync(ToStorage(filter), limit, cancellationToken).ConfigureAwait(false);
        return [.. summaries.Select(ToView)];
    }

    /// <summary>One conversation as the list shows it, or null when there is none.</summary>
    public async Task<InboxConversation?> FindAsync(string conversationId, CancellationToken cancellationToken) =>
        await store.GetSummaryAsync(conversationId, cancellationToken).ConfigureAwait(false) is { } summary ? ToView(summary) : null;

    /// <summary>One conversation with its messages and contact requests, or null when there is none.</summary>
    public async Task<InboxConversationDetail?> GetAsync(string conversationId, CancellationToken cancellationToken)
    {
        var summary = await store.GetSummaryAsync(conversationId, cancellationToken).ConfigureAwait(false);
        if (summary is null)
        {
            return null;
        }

        var messages = await store.GetMessagesAsync(conversationId, cancellationToken).ConfigureAwait(false);
        var requests = await store.GetContactRequestsAsync(conversationId, cancellationToken).ConfigureAwait(false);
        return new InboxConversationDetail(ToView(summary), [.. messages.Select(ToView)], [.. requests.Select(ToView)]);
    }

    /// <summary>Messages containing <paramref name="text"/> (a substring, any script), newest first.</summary>
    public Task<IReadOnlyList<InboxMessage>> SearchAsync(string text, CancellationToken cancellationToken) =>
        SearchAsync(text, SearchLimit, cancellationToken);

    /// <summary>At most <paramref name="limit"/> messages (1 to <see cref="SearchLimit"/>) containing <paramref name="text"/>, newest first.</summary>
    public async Task<IReadOnlyList<InboxMessage>> SearchAsync(string text, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, SearchLimit);
        var found = await store.SearchMessagesAsync(text.Trim(), limit, cancellationToken).ConfigureAwait(false);
        return [.. found.Select(ToView)];
    }

    private InboxConversation ToView(ConversationSummary s) => new(
        s.Id, s.CreatedAt, s.LastActivityAt, s.UserAgent, s.RemoteAddress, s.Page, s.VisitorName, s.VisitorEmail, s.OwnerTookOver, s.Closed,
        s.LastMessageText, s.LastMessageSender, s.UnreadCount, s.ContactRequestCount, presence.IsOnline(s.Id));

    private static InboxMessage ToView(StoredMessage m) => new(m.Id, m.ConversationId, m.Sender, m.Text, m.CreatedAt, m.ReplyTo);

    private static InboxContactRequest ToView(StoredContactRequest r) =>
        new(r.Id, r.ConversationId, r.Text, r.UserAgent, r.Name, r.Email, r.Page, r.ReceivedAt);

    private static ConversationFilter ToStorage(InboxFilter filter) => filter switch
    {
        InboxFilter.Closed => ConversationFilter.Closed,
        InboxFilter.All => ConversationFilter.All,
        _ => ConversationFilter.Open,
    };
}
