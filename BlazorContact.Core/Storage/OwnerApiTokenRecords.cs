namespace BlazorContact.Core.Storage;

/// <summary>An API token to store: its name, display prefix and the SHA-256 of its secret (32 bytes).</summary>
public sealed record NewOwnerApiToken(string Name, string Prefix, ReadOnlyMemory<byte> SecretHash, DateTimeOffset CreatedAt);

/// <summary>A stored API token (never its secret).</summary>
/// <param name="Prefix">The secret's first characters, not enough to use it, so the owner can tell tokens apart.</param>
/// <param name="LastUsedAt">When it last authenticated a request, to within the throttle of <see cref="IOwnerApiTokenStore.RecordUseAsync"/>; null when never.</param>
/// <param name="RevokedAt">When it was revoked; null while it is active.</param>
public sealed record StoredOwnerApiToken(
    long Id, string Name, string Prefix, ReadOnlyMemory<byte> SecretHash, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt)
{
    public bool IsRevoked => RevokedAt is not null;
}
