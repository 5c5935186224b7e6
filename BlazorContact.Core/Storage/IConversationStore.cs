namespace BlazorContact.Core.Storage;

/// <summary>
/// Durable home of conversations, messages and contact requests. What every provider guarantees
/// (the tests' <c>ConversationStoreSpec</c> checks each one against every provider):
/// <para><b>Acknowledged means durable.</b> When a write's task completes successfully, the write is
/// committed durably: it survives a process kill or a power cut, and every later read, by any instance on
/// the same database, sees it. Callers acknowledge to visitors only then.</para>
/// <para><b>A failed write wrote nothing.</b> A database that cannot commit (busy, locked, full, read-only,
/// gone) surfaces as <see cref="StorageUnavailableException"/>; any other exception is a fault of that one
/// write (such as a reply to an unknown conversation). Either way nothing of the failed write is stored, and
/// writes running beside it are not affected.</para>
/// <para><b>Ids.</b> Message ids are positive and unique in the store. A write acknowledged before another
/// starts has the lower id, and within one conversation ids become visible in increasing order: a reader
/// that has seen id N never later sees a new message with an id below N in that conversation. That makes
/// "replies after the last id seen" (<see cref="GetRepliesAfterAsync"/>) a safe resume cursor. SQLite gets
/// it from its single writer; a provider with several writers must lock the conversation's row in each
/// batch, so a conversation's ids are assigned in commit order.</para>
/// <para><b>The reply chain.</b> Each conversation remembers its latest reply: a stored reply names the one before
/// it (<see cref="StoredMessage.PreviousReplyId"/>) and a stored visitor message names the latest reply committed
/// before it (<see cref="VisitorMessageResult.LastReplyId"/>). Fan-out uses the links to see a reply it never got
/// (from another instance, or delivered out of order) and fetch it from here.</para>
/// <para><b>Idempotency.</b> (conversation, client_message_id) is unique, enforced by a unique index and an
/// insert that does nothing on conflict, never by a read before the insert (which races): any number of
/// concurrent resends store one message and all return its id.</para>
/// <para><b>Times</b> come back in UTC, exact to the microsecond at least.</para>
/// Limits are clamped to the range each method names.
/// </summary>
public interface IConversationStore
{
    /// <summary>
    /// Creates or migrates the schema. Called once at start-up, before any other member and before the
    /// owner credential and key ring stores of the same database are used.
    /// </summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores a visitor's message. The conversation is created by its first write, which fixes its session
    /// token; every visitor write, a resend too, moves its last activity to <see cref="NewVisitorMessage.ReceivedAt"/>
    /// and reopens it if closed. A <see cref="NewVisitorMessage.ClientMessageId"/> already stored in the
    /// conversation stores nothing: the result has the original's id, <see cref="VisitorMessageResult.Duplicate"/>
    /// set, and <see cref="VisitorMessageResult.Answered"/> true when a reply whose <see cref="NewReply.ReplyTo"/>
    /// is that id is stored. A null client message id is never a duplicate.
    /// </summary>
    Task<VisitorMessageResult> AppendVisitorMessageAsync(NewVisitorMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// Stores an assistant or owner reply and moves the conversation's last activity to its time. The
    /// conversation must exist: otherwise the write fails (not as <see cref="StorageUnavailableException"/>).
    /// </summary>
    Task<StoredMessage> AppendReplyAsync(NewReply reply, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a contact request and returns its id. Like a visitor message it creates the conversation, moves
    /// its last activity and reopens it; a non-null name or email becomes the conversation's visitor name or email.
    /// </summary>
    Task<long> AddContactRequestAsync(NewContactRequest request, CancellationToken cancellationToken);

    /// <summary>Marks whether the owner has taken the conversation over from the assistant. An unknown conversation is ignored.</summary>
    Task SetOwnerTookOverAsync(string conversationId, bool tookOver, CancellationToken cancellationToken);

    /// <summary>The conversation a <c>session_token</c> belongs to (exact match), or null when it is unknown.</summary>
    Task<ConversationInfo?> FindBySessionTokenAsync(string sessionToken, CancellationToken cancellationToken);

    /// <summary>The conversation with this id, or null.</summary>
    Task<ConversationInfo?> FindConversationAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>Every assistant and owner reply (no visitor message) with an id greater than <paramref name="afterMessageId"/>, in id order.</summary>
    Task<IReadOnlyList<StoredMessage>> GetRepliesAfterAsync(string conversationId, long afterMessageId, CancellationToken cancellationToken);

    /// <summary>
    /// The latest reply id (0 when none) of each of these conversations that exists; unknown ids are left out.
    /// Reconciliation compares it with what each connection was sent, for thousands of conversations at a time.
    /// </summary>
    Task<IReadOnlyDictionary<string, long>> GetLastReplyIdsAsync(IReadOnlyCollection<string> conversationIds, CancellationToken cancellationToken);

    /// <summary>
    /// Conversations in <paramref name="filter"/> (open, closed or all), latest last activity first (ties in
    /// no set order), at most <paramref name="limit"/> (1 to 1000).
    /// </summary>
    Task<IReadOnlyList<ConversationSummary>> ListConversationsAsync(ConversationFilter filter, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// One conversation's summary, or null: its last message is the one with the highest id, of any sender
    /// (null when it has none); unread counts visitor messages and contact requests newer than the owner's read time.
    /// </summary>
    Task<ConversationSummary?> GetSummaryAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>The contact requests of a conversation, oldest first.</summary>
    Task<IReadOnlyList<StoredContactRequest>> GetContactRequestsAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>
    /// Messages of every conversation and sender whose text contains <paramref name="text"/> as a substring:
    /// case-insensitive for ASCII letters at least, any script (a Chinese substring matches without word
    /// splitting), <c>%</c>, <c>_</c> and <c>\</c> taken literally. Newest (highest id) first, at most
    /// <paramref name="limit"/> (1 to 500).
    /// </summary>
    Task<IReadOnlyList<StoredMessage>> SearchMessagesAsync(string text, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Records that the owner has read the conversation up to <paramref name="readAt"/>; the read time only
    /// moves forward. An unknown conversation is ignored.
    /// </summary>
    Task MarkReadAsync(string conversationId, DateTimeOffset readAt, CancellationToken cancellationToken);

    /// <summary>Closes or reopens a conversation (a visitor writing again reopens it). An unknown conversation is ignored.</summary>
    Task SetClosedAsync(string conversationId, bool closed, CancellationToken cancellationToken);

    /// <summary>
    /// The latest <paramref name="limit"/> (1 to 10000) messages of a conversation, of every sender, with an id
    /// below <paramref name="beforeMessageId"/> (all when null), returned oldest first.
    /// </summary>
    Task<IReadOnlyList<StoredMessage>> GetRecentMessagesAsync(string conversationId, long? beforeMessageId, int limit, CancellationToken cancellationToken);

    /// <summary>Every message of a conversation (visitor, assistant and owner), in id order.</summary>
    Task<IReadOnlyList<StoredMessage>> GetMessagesAsync(string conversationId, CancellationToken cancellationToken);
}
