using BlazorContact.Core.Backplane;

namespace BlazorContact.Tests.Backplane;

public sealed class RedisOptionsValidatorTests
{
    private static readonly RedisOptionsValidator Validator = new();

    [Fact]
    public void No_configuration_means_no_backplane_and_nothing_to_check() =>
        Assert.True(Validator.Validate(null, new RedisOptions { ProbeTimeout = TimeSpan.Zero }).Succeeded);

    [Fact]
    public void The_defaults_with_a_server_are_valid() =>
        Assert.True(Validator.Validate(null, new RedisOptions { Configuration = "localhost:6379" }).Succeeded);

    [Fact]
    public void Intervals_that_would_flap_fail_with_a_sentence()
    {
        var result = Validator.Validate(null, new RedisOptions
        {
            Configuration = "localhost:6379",
            ProbeInterval = TimeSpan.FromSeconds(2),
            ProbeTimeout = TimeSpan.FromSeconds(3),
            PresenceTtl = TimeSpan.FromSeconds(5),
        });

        Assert.True(result.Failed);
        Assert.Contains("Redis:ProbeTimeout must be at least twice Redis:ProbeInterval", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Redis:PresenceTtl must be at least twice Redis:PresenceInterval", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_configuration_without_a_server_fails() =>
        Assert.True(Validator.Validate(null, new RedisOptions { Configuration = "password=secret" }).Failed);
}
