using BlazorContact.Core.Conversations;

namespace BlazorContact.Tests.Conversations;

public sealed class LimitsOptionsValidatorTests
{
    [Fact]
    public void Defaults_are_valid()
    {
        Assert.True(new LimitsOptionsValidator().Validate(null, new LimitsOptions()).Succeeded);
    }

    [Fact]
    public void Negative_limits_fail_with_the_setting_named()
    {
        var result = new LimitsOptionsValidator().Validate(null, new LimitsOptions { ConnectionsPerIp = -1, FirstMessageTimeout = TimeSpan.FromSeconds(-1) });
        Assert.True(result.Failed);
        Assert.Contains("Limits:ConnectionsPerIp must be 0 (off) or more", result.FailureMessage);
        Assert.Contains("Limits:FirstMessageTimeout must not be negative", result.FailureMessage);
    }
}
