using BlazorContact.Web.Auth;

namespace BlazorContact.Tests.Auth;

public sealed class OwnerOptionsValidatorTests
{
    private readonly OwnerOptionsValidator _validator = new();

    [Fact]
    public void Defaults_and_no_hash_are_valid()
    {
        Assert.True(_validator.Validate(null, new OwnerOptions()).Succeeded);
    }

    [Fact]
    public void A_hash_from_hash_password_is_valid()
    {
        Assert.True(_validator.Validate(null, new OwnerOptions { PasswordHash = new OwnerPasswordHasher().Hash("a long enough password") }).Succeeded);
    }

    [Fact]
    public void A_plain_password_in_place_of_the_hash_stops_start_up_with_a_sentence()
    {
        var result = _validator.Validate(null, new OwnerOptions { PasswordHash = "my password" });

        Assert.True(result.Failed);
        Assert.Contains("Owner:PasswordHash is not a hash printed by `dotnet run --project BlazorContact.Web -- hash-password`: it is not base64.", result.Failures!);
    }

    [Fact]
    public void Out_of_range_lockout_settings_are_named()
    {
        var result = _validator.Validate(null, new OwnerOptions { LockoutThreshold = 0, GlobalLockoutThreshold = 0, LockoutDuration = TimeSpan.Zero });

        Assert.Contains(result.Failures!, failure => failure.StartsWith("Owner:LockoutThreshold must be between 1 and 1000", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, failure => failure.StartsWith("Owner:GlobalLockoutThreshold must be at least Owner:LockoutThreshold", StringComparison.Ordinal));
        Assert.Contains("Owner:LockoutDuration must be positive, e.g. 00:15:00.", result.Failures!);
    }
}
