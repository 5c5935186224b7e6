using System.Security.Cryptography;
using System.Text;
using BlazorContact.Core.Storage;
using Microsoft.Extensions.Options;

namespace BlazorContact.Web.Auth;

/// <summary>
/// The one answer to "what is the owner's password hash": <c>Owner:PasswordHash</c> from configuration
/// wins; otherwise the hash stored by the setup page; otherwise none yet. The stored hash is read once
/// and then kept in memory, since this process is its only writer.
/// </summary>
public sealed class OwnerCredential
{
    private readonly string? _configured;
    private readonly IOwnerCredentialStore _store;
    private readonly OwnerPasswordHasher _hasher;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile string? _stored;

    public OwnerCredential(IOptions<OwnerOptions> options, IOwnerCredentialStore store, OwnerPasswordHasher hasher, TimeProvider time)
    {
        _configured = string.IsNullOrWhiteSpace(options.Value.PasswordHash) ? null : options.Value.PasswordHash.Trim();
        _store = store;
        _hasher = hasher;
        _time = time;
    }

    /// <summary>True when the hash comes from configuration; the setup page then never opens.</summary>
    public bool IsConfigured => _configured is not null;

    /// <summary>The hash in force, or null when the owner has not set a password yet.</summary>
    public async Task<string?> GetHashAsync(CancellationToken cancellationToken)
    {
        if (_configured is not null)
        {
            return _configured;
        }

        if (_stored is { } stored)
        {
            return stored;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            return _stored ??= await _store.GetPasswordHashAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Whether <paramref name="password"/> is the owner's; false while no password is set.</summary>
    public async Task<bool> VerifyAsync(string password, CancellationToken cancellationToken) =>
        await GetHashAsync(cancellationToken) is { } hash && _hasher.Verify(hash, password);

    /// <summary>
    /// Hashes and stores the first password. False, storing nothing, when a hash already exists
    /// (in configuration or in the store).
    /// </summary>
    public async Task<bool> TryCreateAsync(string password, CancellationToken cancellationToken)
    {
        if (await GetHashAsync(cancellationToken) is not null)
        {
            return false;
        }

        var hash = _hasher.Hash(password);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!await _store.TryCreatePasswordHashAsync(hash, _time.GetUtcNow(), cancellationToken))
            {
                _stored = await _store.GetPasswordHashAsync(cancellationToken);
                return false;
            }

            _stored = hash;
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// A short digest of a hash, written into the sign-in cookie: a cookie issued under another hash
    /// (the password was changed in configuration) no longer matches and is refused.
    /// </summary>
    public static string Fingerprint(string hash) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(hash)).AsSpan(0, 16));
}
