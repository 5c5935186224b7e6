using System.Net;
using System.Security.Cryptography;
using System.Text;
using BlazorContact.Core.Conversations;

namespace BlazorContact.Web.Auth;

/// <summary>
/// First run without a password: a one-time setup token, made at start and kept in memory only
/// (a restart makes a new one), opens the setup page where the owner chooses the password.
/// The token is invalid as soon as a password exists.
/// </summary>
public sealed partial class OwnerSetup
{
    private readonly OwnerCredential _credential;
    private readonly IIdGenerator _ids;
    private readonly ILogger<OwnerSetup> _logger;
    private string? _token;

    public OwnerSetup(OwnerCredential credential, IIdGenerator ids, ILogger<OwnerSetup> logger)
    {
        _credential = credential;
        _ids = ids;
        _logger = logger;
    }

    /// <summary>Makes the setup token (256 random bits, base64url) unless one exists, and returns it.</summary>
    public string Open()
    {
        // Session tokens are exactly what this needs: unguessable, URL-safe.
        Interlocked.CompareExchange(ref _token, _ids.NewSessionToken(), null);
        return _token!;
    }

    /// <summary>Whether the setup page is open at all: no password exists yet.</summary>
    public async Task<bool> IsOpenAsync(CancellationToken cancellationToken) =>
        await _credential.GetHashAsync(cancellationToken) is null;

    /// <summary>Whether <paramref name="token"/> is the current setup token (compared in constant time).</summary>
    public bool Accepts(string? token)
    {
        var current = Volatile.Read(ref _token);
        return current is not null && token is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(current), Encoding.UTF8.GetBytes(token));
    }

    /// <summary>
    /// Stores the first password when <paramref name="token"/> is right, then closes setup for good.
    /// Returns the stored hash, or null when the token is wrong or a password already exists.
    /// </summary>
    public async Task<string?> CompleteAsync(string? token, string password, IPAddress? remoteAddress, CancellationToken cancellationToken)
    {
        if (!Accepts(token) || !await _credential.TryCreateAsync(password, cancellationToken))
        {
            Log.Refused(_logger, remoteAddress);
            return null;
        }

        Volatile.Write(ref _token, null);
        Log.Completed(_logger, remoteAddress);
        return await _credential.GetHashAsync(cancellationToken);
    }

    /// <summary>Notes a request that came with a wrong or used token.</summary>
    public void LogRefused(IPAddress? remoteAddress) => Log.Refused(_logger, remoteAddress);
}
