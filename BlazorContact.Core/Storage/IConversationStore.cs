namespace BlazorContact.Core.Storage;

/// <summary>
/// Durable home of conversations, messages and contact requests.
/// Guarantee: when a write method's task completes successfully, the data is committed to durable
/// storage; callers acknowledge to visitors only after that. Any storage failure surfaces as
/// <see cref="StorageUnavailableException"/>, and then nothing was written.
/// </summary>
public interface IConversationStore
{
    /// <summary>Creates or migrates the schema. Called once at start-up.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores a visitor's message, creating the conversation on its first write. A message whose
    /// <see cref="NewVisitorMessage.ClientMessageId"/> was already stored in the conversation is not
    /// stored again: the result names the original id with <see cref="VisitorMessageResult.Duplicate"/> set.
    /// </summary>
    Task<VisitorMessageResult> AppendVisitorMessageAsync(NewVisitorMessage message, CancellationToken cancellationToken);

    /// <summary>Stores an assistant or owner reply in an existing conversation and returns it with its id.</summary>
    Task<StoredMessage> AppendReplyAsync(NewReply reply, CancellationToken cancellationToken);

    /// <summary>Stores a contact request (creating the conversation on its first write) and returns its id.</summary>
    Task<long> AddContactRequestAsync(NewContactRequest request, CancellationToken cancellationToken);

    /// <summary>Marks whether the owner has taken the conversation over from the assistant.</summary>
    Task SetOwnerTookOverAsync(string conversationId, bool tookOver, CancellationToken cancellationToken);

    /// <summary>The conversation a <c>session_token</c> belongs to, or null when it is unknown.</summary>
    Task<ConversationInfo?> FindBySessionTokenAsync(string sessionToken, CancellationToken cancellationToken);

    /// <summary>The conversation with this id, or null.</summary>
    Task<ConversationInfo?> FindConversationAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>Assistant and owner replies with an id greater than <paramref name="afterMessageId"/>, in id order.</summary>
    Task<IReadOnlyList<StoredMessage>> GetRepliesAfterAsync(string conversationId, long afterMessageId, CancellationToken cancellationToken);

    /// <summary>Conversations, most recently active first, with what the inbox shows about each.</summary>
    Task<IReadOnlyList<ConversationSummary>> ListConversationsAsync(ConversationFilter filter, int limit, CancellationToken cancellationToken);

    /// <summary>One conversation's summary, or null.</summary>
    Task<ConversationSummary?> GetSummaryAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>The contact requests of a conversation, oldest first.</summary>
    Task<IReadOnlyList<StoredContactRequest>> GetContactRequestsAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>Messages whose text contains <paramref name="text"/> (case-insensitive for ASCII), newest first.</summary>
    Task<IReadOnlyList<StoredMessage>> SearchMessagesAsync(string text, int limit, CancellationToken cancellationToken);

    /// <summary>Records that the owner has read the conversation up to <paramref name="readAt"/>.</summary>
    Task MarkReadAsync(string conversationId, DateTimeOffset readAt, CancellationToken cancellationToken);

    /// <summary>Closes or reopens a conversation. A visitor writing again reopens it.</summary>
    Task SetClosedAsync(string conversationId, bool closed, CancellationToken cancellationToken);

    /// <summary>
    /// The latest <paramref name="limit"/> messages of a conversation (every sender) with an id below
    /// <paramref name="beforeMessageId"/> (all when null), returned oldest first.
    /// </summary>
    Task<IReadOnlyList<StoredMessage>> GetRecentMessagesAsync(string conversationId, long? beforeMessageId, int limit, CancellationToken cancellationToken);

    /// <summary>Every message of a conversation (visitor, assistant and owner), in id order.</summary>
    Task<IReadOnlyList<StoredMessage>> GetMessagesAsync(string conversationId, CancellationToken cancellationToken);
}
