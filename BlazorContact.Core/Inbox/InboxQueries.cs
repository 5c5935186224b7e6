using BlazorContact.Core.Fanout;
using BlazorContact.Core.Storage;

namespace BlazorContact.Core.Inbox;

/// <summary>What the owner's inbox reads: lists, one conversation, search. Read-only; maps storage records to inbox views.</summary>
public sealed class InboxQueries(IConversationStore store, IVisitorPresence presence)
{
    private const int ListLimit = 200;
    private const int SearchLimit = 100;

    /// <summary>Open visitor connections.</summary>
    public int OnlineCount => presence.OnlineCount;

    /// <summary>Conversations, most recently active first.</summary>
    public async Task<IReadOnlyList<InboxConversation>> ListAsync(InboxFilter filter, CancellationToken cancellationToken)
    {
        var summaries = await store.ListConversationsAsync(ToStorage(filter), ListLimit, cancellationToken).ConfigureAwait(false);
        return [.. summaries.Select(ToView)];
    }

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
    public async Task<IReadOnlyList<InboxMessage>> SearchAsync(string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = await store.SearchMessagesAsync(text.Trim(), SearchLimit, cancellationToken).ConfigureAwait(false);
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
