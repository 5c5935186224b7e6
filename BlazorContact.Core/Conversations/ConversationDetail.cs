using BlazorContact.Core.Storage;

namespace BlazorContact.Core.Conversations;

/// <summary>Everything the inbox shows about one conversation.</summary>
public sealed record ConversationDetail(
    ConversationSummary Summary, bool Online, IReadOnlyList<StoredMessage> Messages, IReadOnlyList<StoredContactRequest> ContactRequests);
