using BlazorContact.Core.Storage;

namespace BlazorContact.Tests.Storage;

/// <summary>One provider's stores, opened and initialized on one database, as <see cref="ConversationStoreSpec"/> uses them.</summary>
public sealed class StorageUnderTest(
    IConversationStore conversations, IOwnerCredentialStore ownerCredentials, IKeyRingStore keyRing, IOwnerApiTokenStore apiTokens, Func<ValueTask> close) : IAsyncDisposable
{
    public IConversationStore Conversations { get; } = conversations;

    public IOwnerCredentialStore OwnerCredentials { get; } = ownerCredentials;

    public IKeyRingStore KeyRing { get; } = keyRing;

    public IOwnerApiTokenStore ApiTokens { get; } = apiTokens;

    /// <summary>Stops the stores as the server does at shutdown; the database stays.</summary>
    public ValueTask DisposeAsync() => close();
}
