using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace BlazorContact.Web.Auth;

/// <summary>
/// Signs the owner in and out of the cookie. Every attempt goes through <see cref="SignInAsync"/>, which
/// checks the lockout, the password and logs the outcome in one place, and runs attempts one at a time
/// so parallel requests cannot slip past the lockout while a hash is being checked.
/// </summary>
public sealed partial class OwnerSignIn
{
    private readonly OwnerCredential _credential;
    private readonly ISignInLockout _lockout;
    private readonly ILogger<OwnerSignIn> _logger;
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    public OwnerSignIn(OwnerCredential credential, ISignInLockout lockout, ILogger<OwnerSignIn> logger)
    {
        _credential = credential;
        _lockout = lockout;
        _logger = logger;
    }

    /// <summary>Checks <paramref name="password"/> for a request and, when it is right, sets the cookie.</summary>
    public async Task<SignInOutcome> SignInAsync(HttpContext context, string password)
    {
        var address = context.Connection.RemoteIpAddress;
        await _oneAtATime.WaitAsync(context.RequestAborted);
        try
        {
            if (_lockout.RetryAfter(address) is { } wait)
            {
                Log.Refused(_logger, address, (int)Math.Ceiling(wait.TotalSeconds));
                return SignInOutcome.LockedOut(wait);
            }

            if (await _credential.GetHashAsync(context.RequestAborted) is not { } hash)
            {
                return SignInOutcome.NotSetUp;
            }

            if (!await _credential.VerifyAsync(password, context.RequestAborted))
            {
                var failures = _lockout.RecentFailures(address) + 1;
                var lockedFor = _lockout.RecordFailure(address);
                Log.Failed(_logger, address, failures);
                if (lockedFor is { } duration)
                {
                    Log.LockoutStarted(_logger, address, (int)Math.Ceiling(duration.TotalMinutes));
                    return SignInOutcome.LockedOut(duration);
                }

                return SignInOutcome.WrongPassword;
            }

            _lockout.RecordSuccess(address);
            await SignInOwnerAsync(context, hash);
            Log.SignedIn(_logger, address);
            return SignInOutcome.SignedIn;
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>Sets the owner's cookie (after a right password, or right after setup).</summary>
    public static Task SignInOwnerAsync(HttpContext context, string hash)
    {
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, OwnerAuthentication.OwnerName),
                new Claim(ClaimTypes.Role, OwnerAuthentication.OwnerRole),
                new Claim(OwnerAuthentication.CredentialClaim, OwnerCredential.Fingerprint(hash)),
            ],
            OwnerAuthentication.Scheme,
            ClaimTypes.Name,
            ClaimTypes.Role);
        // Persistent: the owner stays signed in on their phone across browser restarts, for the
        // cookie's sliding lifetime.
        return context.SignInAsync(OwnerAuthentication.Scheme, new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = true });
    }

    /// <summary>Removes the cookie.</summary>
    public async Task SignOutAsync(HttpContext context)
    {
        await context.SignOutAsync(OwnerAuthentication.Scheme);
        Log.SignedOut(_logger, context.Connection.RemoteIpAddress);
    }
}
