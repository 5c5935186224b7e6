using System.Security.Cryptography;
using BlazorContact.Core.Storage;
using Microsoft.Extensions.Logging;

namespace BlazorContact.Core.Inbox;

/// <summary>
/// The owner's API tokens: create (the secret is returned once and only its hash is stored), list, revoke,
/// and check a presented secret. The inbox's token page and the owner API both come here; neither sees the store.
/// </summary>
public sealed partial class OwnerApiTokens(IOwnerApiTokenStore store, TimeProvider time, ILogger<OwnerApiTokens> logger)
{
    /// <summary>Longest token name, in characters.</summary>
    public const int MaxNameLength = 80;

    /// <summary>Last use is stored at most this often per token: the list needs minutes, not a write per request.</summary>
    public static readonly TimeSpan LastUseResolution = TimeSpan.FromMinutes(1);

    /// <summary>Why <paramref name="name"/> can't name a token, or null when it can.</summary>
    public static string? ProblemWithName(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "name is required."
        : name.Trim().Length > MaxNameLength ? $"name is longer than {MaxNameLength} characters."
        : name.Any(char.IsControl) ? "name must not contain control characters."
        : null;

    /// <summary>Creates a token named <paramref name="name"/>; the answer holds its secret, which is never available again.</summary>
    public async Task<OwnerApiTokenCreated> CreateAsync(string name, CancellationToken cancellationToken)
    {
        if (ProblemWithName(name) is { } problem)
        {
            throw new ArgumentException(problem, nameof(name));
        }

        var secret = OwnerApiTokenSecret.Generate();
        var stored = await store.CreateAsync(
            new NewOwnerApiToken(name.Trim(), OwnerApiTokenSecret.DisplayPrefix(secret), OwnerApiTokenSecret.TryHash(secret)!, time.GetUtcNow()),
            cancellationToken).ConfigureAwait(false);
        Log.Created(logger, stored.Id, stored.Name);
        return new OwnerApiTokenCreated(ToView(stored), secret);
    }

    /// <summary>Every token, revoked ones included, newest first.</summary>
    public async Task<IReadOnlyList<OwnerApiTokenView>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await store.ListAsync(cancellationToken).ConfigureAwait(false)).Select(ToView)];

    /// <summary>Revokes a token at once (the next request with it is refused). False when there is no such active token.</summary>
    public async Task<bool> RevokeAsync(long id, CancellationToken cancellationToken)
    {
        var revoked = await store.RevokeAsync(id, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (revoked)
        {
            Log.Revoked(logger, id);
        }

        return revoked;
    }

    /// <summary>Checks a presented secret; an accepted one has its last use recorded (at most once per <see cref="LastUseResolution"/>).</summary>
    public async Task<OwnerApiTokenCheck> CheckAsync(string? presented, CancellationToken cancellationToken)
    {
        if (OwnerApiTokenSecret.TryHash(presented) is not { } hash)
        {
            return new OwnerApiTokenCheck(OwnerApiTokenCheckOutcome.Malformed, null);
        }

        var stored = await store.FindByHashAsync(hash, cancellationToken).ConfigureAwait(false);
        // The lookup is by an index on the hash; the comparison again in constant time keeps a provider's
        // lookup (a collation, a prefix index) from ever being what decides.
        if (stored is null || !CryptographicOperations.FixedTimeEquals(stored.SecretHash.Span, hash))
        {
            return new OwnerApiTokenCheck(OwnerApiTokenCheckOutcome.Unknown, null);
        }

        if (stored.IsRevoked)
        {
            return new OwnerApiTokenCheck(OwnerApiTokenCheckOutcome.Revoked, ToView(stored));
        }

        var now = time.GetUtcNow();
        if (stored.LastUsedAt is not { } last || now - last >= LastUseResolution)
        {
            await store.RecordUseAsync(stored.Id, now, cancellationToken).ConfigureAwait(false);
            stored = stored with { LastUsedAt = now };
        }

        return new OwnerApiTokenCheck(OwnerApiTokenCheckOutcome.Accepted, ToView(stored));
    }

    private static OwnerApiTokenView ToView(StoredOwnerApiToken t) => new(t.Id, t.Name, t.Prefix, t.CreatedAt, t.LastUsedAt, t.RevokedAt);
}
