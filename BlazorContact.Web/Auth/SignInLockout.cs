using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace BlazorContact.Web.Auth;

/// <summary>
/// Counts failed sign-ins and locks them out, in memory. Two counters, because there is one owner:
/// per address (<c>Owner:LockoutThreshold</c>, 5) so one guesser is stopped quickly without locking
/// the owner out from their own phone, and over all addresses (<c>Owner:GlobalLockoutThreshold</c>, 20)
/// so guessing from many addresses is capped too. Failures count within <c>Owner:LockoutDuration</c>,
/// and a lockout lasts that long. IPv6 addresses count by their /64, which one attacker usually holds
/// whole. Not thread-safe on its own terms: <see cref="OwnerSignIn"/> runs one attempt at a time.
/// </summary>
public sealed class SignInLockout : ISignInLockout
{
    // Addresses whose failures have all expired are forgotten once this many are remembered.
    private const int PruneAbove = 1024;

    private readonly OwnerOptions _options;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, Failures> _byAddress = new(StringComparer.Ordinal);
    private readonly Failures _all = new();

    public SignInLockout(IOptions<OwnerOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
    }

    /// <summary>How long sign-ins from <paramref name="address"/> stay refused, or null when they are allowed.</summary>
    public TimeSpan? RetryAfter(IPAddress? address)
    {
        var now = _time.GetUtcNow();
        var until = _all.LockedUntil;
        if (_byAddress.TryGetValue(KeyOf(address), out var failures) && failures.LockedUntil > until)
        {
            until = failures.LockedUntil;
        }

        return until > now ? until - now : null;
    }

    /// <summary>Counts a wrong password; returns the lockout it started, if it started one.</summary>
    public TimeSpan? RecordFailure(IPAddress? address)
    {
        var now = _time.GetUtcNow();
        var key = KeyOf(address);
        if (!_byAddress.TryGetValue(key, out var failures))
        {
            Prune(now);
            failures = _byAddress[key] = new Failures();
        }

        var lockedByAddress = failures.Add(now, _options.LockoutThreshold, _options.LockoutDuration);
        var lockedByAll = _all.Add(now, _options.GlobalLockoutThreshold, _options.LockoutDuration);
        return lockedByAddress || lockedByAll ? _options.LockoutDuration : null;
    }

    /// <summary>The right password from this address: its earlier failures are forgiven.</summary>
    public void RecordSuccess(IPAddress? address) => _byAddress.Remove(KeyOf(address));

    /// <summary>Recent failures from this address (for the log).</summary>
    public int RecentFailures(IPAddress? address) =>
        _byAddress.TryGetValue(KeyOf(address), out var failures) ? failures.CountSince(_time.GetUtcNow() - _options.LockoutDuration) : 0;

    internal static string KeyOf(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private void Prune(DateTimeOffset now)
    {
        if (_byAddress.Count < PruneAbove)
        {
            return;
        }

        var since = now - _options.LockoutDuration;
        foreach (var (key, failures) in _byAddress)
        {
            if (failures.LockedUntil <= now && failures.CountSince(since) == 0)
            {
                _byAddress.Remove(key);
            }
        }
    }

    /// <summary>Failure times within the window, and the end of the current lockout.</summary>
    private sealed class Failures
    {
        private readonly Queue<DateTimeOffset> _times = new();

        public DateTimeOffset LockedUntil { get; private set; } = DateTimeOffset.MinValue;

        /// <summary>Adds a failure; true when it reaches the threshold and starts a lockout.</summary>
        public bool Add(DateTimeOffset now, int threshold, TimeSpan window)
        {
            CountSince(now - window);
            _times.Enqueue(now);
            if (_times.Count < threshold)
            {
                return false;
            }

            // A fresh start after the lockout: the next failures count from zero.
            _times.Clear();
            LockedUntil = now + window;
            return true;
        }

        public int CountSince(DateTimeOffset since)
        {
            while (_times.TryPeek(out var oldest) && oldest <= since)
            {
                _times.Dequeue();
            }

            return _times.Count;
        }
    }
}
