using BlazorContact.Core.Notifications;

namespace BlazorContact.Tests.Notifications;

public sealed class NotificationOptionsValidatorTests
{
    private static readonly NotificationOptionsValidator Validator = new();

    [Fact]
    public void Defaults_are_valid() => Assert.True(Validator.Validate(null, new NotificationOptions()).Succeeded);

    [Fact]
    public void Each_bad_setting_is_named_in_a_sentence()
    {
        var result = Validator.Validate(null, new NotificationOptions
        {
            InboxUrl = "/inbox",
            QueueCapacity = 0,
            MaxAttempts = 0,
            InitialBackoff = TimeSpan.Zero,
            MaxBackoff = TimeSpan.FromSeconds(-1),
            BackoffJitter = 1.5,
            AttemptTimeout = TimeSpan.Zero,
        });

        Assert.True(result.Failed);
        foreach (var setting in new[] { "InboxUrl", "QueueCapacity", "MaxAttempts", "InitialBackoff", "MaxBackoff", "BackoffJitter", "AttemptTimeout" })
        {
            Assert.Contains(result.Failures!, f => f.StartsWith($"Notifications:{setting} must", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("ftp://blog.example.com/inbox")]
    [InlineData("https://blog.example.com/inbox#top")]
    [InlineData("not a url")]
    public void Inbox_url_must_be_an_absolute_http_address_without_fragment(string url) =>
        Assert.True(Validator.Validate(null, new NotificationOptions { InboxUrl = url }).Failed);
}
