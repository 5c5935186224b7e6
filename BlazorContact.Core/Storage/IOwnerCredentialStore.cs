namespace BlazorContact.Core.Storage;

/// <summary>
/// Where the owner's password hash lives when it was chosen on the setup page rather than given in
/// configuration. One owner, one hash; the store never sees the password itself.
/// Guarantee: when <see cref="TryCreatePasswordHashAsync"/> returns true the hash is committed to
/// durable storage. Storage failures surface as <see cref="StorageUnavailableException"/>.
/// </summary>
public interface IOwnerCredentialStore
{
    /// <summary>The stored password hash, or null when none was set yet.</summary>
    Task<string?> GetPasswordHashAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores the first password hash. Returns false, changing nothing, when a hash is already stored:
    /// of any number of racing calls, by any instances on the same database, exactly one returns true.
    /// </summary>
    Task<bool> TryCreatePasswordHashAsync(string passwordHash, DateTimeOffset createdAt, CancellationToken cancellationToken);
}
