using System.Net;

namespace BlazorContact.Web.Auth;

/// <summary>
/// Failed sign-in counting. Behind an interface because several instances behind a load balancer must
/// share it (a guesser spread over instances is one guesser); <see cref="SignInLockout"/> counts in memory.
/// </summary>
public interface ISignInLockout
{
    /// <summary>How long sign-ins from <paramref name="address"/> stay refused, or null when they are allowed.</summary>
    TimeSpan? RetryAfter(IPAddress? address);

    /// <summary>Counts a wrong password; returns the lockout it started, if it started one.</summary>
    TimeSpan? RecordFailure(IPAddress? address);

    /// <summary>The right password from this address: its earlier failures are forgiven.</summary>
    void RecordSuccess(IPAddress? address);

    /// <summary>Recent failures from this address (for the log).</summary>
    int RecentFailures(IPAddress? address);
}
