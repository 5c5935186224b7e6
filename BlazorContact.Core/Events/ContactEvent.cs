using System.Text.Json.Serialization;

namespace BlazorContact.Core.Events;

/// <summary>
/// Something the owner's inbox and the notifiers should know at once. Published after the change is
/// stored. Events carry ids and what a notification shows, never session tokens: a cross-instance bus
/// sends them over the network, and a subscriber reads details from the store.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "event")]
[JsonDerivedType(typeof(VisitorConnected), "visitor_connected")]
[JsonDerivedType(typeof(VisitorDisconnected), "visitor_disconnected")]
[JsonDerivedType(typeof(MessageStored), "message_stored")]
[JsonDerivedType(typeof(ContactRequestStored), "contact_request_stored")]
[JsonDerivedType(typeof(TakeoverChanged), "takeover_changed")]
[JsonDerivedType(typeof(OwnerAttentionNeeded), "owner_attention_needed")]
[JsonDerivedType(typeof(ConversationUpdated), "conversation_updated")]
public abstract record ContactEvent(string ConversationId);

/// <summary>A visitor connected (or a connection resumed a conversation).</summary>
public sealed record VisitorConnected(string ConversationId, string ClientId) : ContactEvent(ConversationId);

/// <summary>A visitor's connection ended.</summary>
public sealed record VisitorDisconnected(string ConversationId, string ClientId) : ContactEvent(ConversationId);

/// <summary>A message (visitor, assistant or owner) was stored.</summary>
public sealed record MessageStored(string ConversationId, long MessageId, string Sender) : ContactEvent(ConversationId);

/// <summary>A contact request was stored.</summary>
public sealed record ContactRequestStored(string ConversationId, long RequestId) : ContactEvent(ConversationId);

/// <summary>The owner took the conversation over from the assistant, or handed it back.</summary>
public sealed record TakeoverChanged(string ConversationId, bool OwnerTookOver) : ContactEvent(ConversationId);

/// <summary>
/// The owner should hear about this at once (inbox notification, email, webhook): a contact request,
/// or a visitor writing in a conversation the owner has taken over. Raised after the data is stored.
/// </summary>
public sealed record OwnerAttentionNeeded(
    string ConversationId,
    OwnerAttentionReason Reason,
    string Text,
    DateTimeOffset At,
    long? RequestId = null,
    long? MessageId = null,
    string? VisitorName = null,
    string? VisitorEmail = null,
    string? Page = null,
    string? UserAgent = null) : ContactEvent(ConversationId);

/// <summary>Why the owner is being told.</summary>
public enum OwnerAttentionReason
{
    ContactRequest,
    VisitorMessageAfterTakeover,
}

/// <summary>The owner closed, reopened or read a conversation: other inbox tabs refresh it.</summary>
public sealed record ConversationUpdated(string ConversationId) : ContactEvent(ConversationId);

/// <summary>
/// Published by a cross-instance bus to this instance's subscribers only, when events from other instances may
/// have been lost (the backplane reconnected or was repaired): re-read what is shown. Never sent between instances.
/// </summary>
public sealed record EventsMayHaveBeenMissed() : ContactEvent(string.Empty);
