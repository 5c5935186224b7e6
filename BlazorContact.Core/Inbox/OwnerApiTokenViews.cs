namespace BlazorContact.Core.Inbox;

/// <summary>An API token as the owner sees it: never its secret.</summary>
/// <param name="Prefix">The secret's first characters (<c>bc_AbC123</c>), to tell tokens apart.</param>
public sealed record OwnerApiTokenView(long Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt)
{
    public bool IsRevoked => RevokedAt is not null;
}

/// <summary>A token just created, with its secret: the only time the secret exists outside the caller's hands.</summary>
public sealed record OwnerApiTokenCreated(OwnerApiTokenView Token, string Secret);

/// <summary>Why a presented token was or wasn't accepted.</summary>
public enum OwnerApiTokenCheckOutcome
{
    Accepted,

    /// <summary>Not shaped like a token at all (wrong prefix, length or characters); storage was not asked.</summary>
    Malformed,

    /// <summary>Well-formed, but no token has this secret.</summary>
    Unknown,

    Revoked,
}

/// <summary>The outcome of checking a presented token; <paramref name="Token"/> is set when it names a stored token.</summary>
public sealed record OwnerApiTokenCheck(OwnerApiTokenCheckOutcome Outcome, OwnerApiTokenView? Token);
