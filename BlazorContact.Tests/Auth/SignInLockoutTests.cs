using System.Net;
using BlazorContact.Web.Auth;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace BlazorContact.Tests.Auth;

public sealed class SignInLockoutTests
{
    private static readonly IPAddress Guesser = IPAddress.Parse("203.0.113.7");
    private static readonly IPAddress Owner = IPAddress.Parse("198.51.100.20");
    private readonly FakeTimeProvider _time = new();
    private readonly SignInLockout _lockout;

    public SignInLockoutTests() => _lockout = Lockout(new OwnerOptions());

    [Fact]
    public void Four_failures_are_allowed_and_the_fifth_locks_the_address_for_15_minutes()
    {
        for (var i = 0; i < 4; i++)
        {
            Assert.Null(_lockout.RecordFailure(Guesser));
            Assert.Null(_lockout.RetryAfter(Guesser));
        }

        Assert.Equal(TimeSpan.FromMinutes(15), _lockout.RecordFailure(Guesser));
        Assert.Equal(TimeSpan.FromMinutes(15), _lockout.RetryAfter(Guesser));

        _time.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(TimeSpan.FromMinutes(1), _lockout.RetryAfter(Guesser));

        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(_lockout.RetryAfter(Guesser));
    }

    [Fact]
    public void After_a_lockout_the_count_starts_again_from_zero()
    {
        Fail(Guesser, 5);
        _time.Advance(TimeSpan.FromMinutes(15));

        Assert.Null(_lockout.RecordFailure(Guesser));
        Assert.Null(_lockout.RetryAfter(Guesser));
    }

    [Fact]
    public void Failures_older_than_the_window_no_longer_count()
    {
        Fail(Guesser, 4);
        _time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));

        Assert.Null(_lockout.RecordFailure(Guesser));
        Assert.Equal(1, _lockout.RecentFailures(Guesser));
    }

    [Fact]
    public void One_address_locked_out_leaves_the_owner_at_another_address_free()
    {
        Fail(Guesser, 5);

        Assert.NotNull(_lockout.RetryAfter(Guesser));
        Assert.Null(_lockout.RetryAfter(Owner));
    }

    [Fact]
    public void Guessing_from_many_addresses_locks_every_address_at_the_global_threshold()
    {
        for (var i = 1; i <= 19; i++)
        {
            Assert.Null(_lockout.RecordFailure(IPAddress.Parse($"192.0.2.{i}")));
        }

        Assert.Null(_lockout.RetryAfter(Owner));
        Assert.Equal(TimeSpan.FromMinutes(15), _lockout.RecordFailure(IPAddress.Parse("192.0.2.20")));
        Assert.Equal(TimeSpan.FromMinutes(15), _lockout.RetryAfter(Owner));
    }

    [Fact]
    public void A_successful_sign_in_forgives_the_addresses_earlier_failures()
    {
        Fail(Owner, 4);
        _lockout.RecordSuccess(Owner);

        Assert.Equal(0, _lockout.RecentFailures(Owner));
        Assert.Null(_lockout.RecordFailure(Owner));
    }

    [Fact]
    public void Thresholds_and_duration_come_from_the_options()
    {
        var lockout = Lockout(new OwnerOptions { LockoutThreshold = 2, GlobalLockoutThreshold = 2, LockoutDuration = TimeSpan.FromMinutes(1) });

        Assert.Null(lockout.RecordFailure(Guesser));
        Assert.Equal(TimeSpan.FromMinutes(1), lockout.RecordFailure(Guesser));
    }

    [Fact]
    public void Ipv6_addresses_count_by_their_64_bit_prefix_and_mapped_ipv4_counts_as_ipv4()
    {
        Assert.Equal(
            SignInLockout.KeyOf(IPAddress.Parse("2001:db8:1:2:aaaa::1")),
            SignInLockout.KeyOf(IPAddress.Parse("2001:db8:1:2:bbbb::2")));
        Assert.NotEqual(
            SignInLockout.KeyOf(IPAddress.Parse("2001:db8:1:2::1")),
            SignInLockout.KeyOf(IPAddress.Parse("2001:db8:1:3::1")));
        Assert.Equal("203.0.113.7", SignInLockout.KeyOf(IPAddress.Parse("::ffff:203.0.113.7")));
    }

    private SignInLockout Lockout(OwnerOptions options) => new(Options.Create(options), _time);

    private void Fail(IPAddress address, int times)
    {
        for (var i = 0; i < times; i++)
        {
            _lockout.RecordFailure(address);
        }
    }
}
