namespace BlazorContact.Core.Storage;

/// <summary>
/// The owner's API tokens (for integrations: a mobile app, bots, scripts). The store never sees a secret:
/// it keeps the SHA-256 hash of one, a short non-secret prefix for display and the token's dates. The
/// secret is made, shown once and hashed by <c>Inbox.OwnerApiTokens</c>, so every provider stores the
/// same bytes. Guarantees: when <see cref="CreateAsync"/> or <see cref="RevokeAsync"/> returns, the change
/// is committed to durable storage; a revoked token stays revoked (it is never deleted, so the list shows it);
/// storage failures surface as <see cref="StorageUnavailableException"/>.
/// </summary>
public interface IOwnerApiTokenStore
{
    /// <summary>Stores a new token and returns it with its id. Hashes are unique: storing a hash twice throws.</summary>
    Task<StoredOwnerApiToken> CreateAsync(NewOwnerApiToken token, CancellationToken cancellationToken);

    /// <summary>Every token, revoked ones included, newest first.</summary>
    Task<IReadOnlyList<StoredOwnerApiToken>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Revokes a token. Returns true when it was active and is now revoked; false, changing nothing, when there is
    /// no such token or it was revoked already (the first revocation time is kept).
    /// </summary>
    Task<bool> RevokeAsync(long id, DateTimeOffset revokedAt, CancellationToken cancellationToken);

    /// <summary>The token whose secret hashes to <paramref name="secretHash"/>, revoked or not, or null when none does.</summary>
    Task<StoredOwnerApiToken?> FindByHashAsync(ReadOnlyMemory<byte> secretHash, CancellationToken cancellationToken);

    /// <summary>
    /// Records that the token was used at <paramref name="usedAt"/> (never moving the time backwards). Best effort and
    /// not fsynced: callers throttle it (at most once a minute per token), it is no write per request.
    /// </summary>
    Task RecordUseAsync(long id, DateTimeOffset usedAt, CancellationToken cancellationToken);
}
