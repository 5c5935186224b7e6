using BlazorContact.Core.Notifications;
using Microsoft.Extensions.Options;

namespace BlazorContact.Tests.Notifications;

public sealed class WebhookNotifierOptionsValidatorTests
{
    private static readonly WebhookNotifierOptionsValidator Validator = new();

    [Fact]
    public void Nothing_set_is_valid_and_means_the_webhook_is_off()
    {
        var options = new WebhookNotifierOptions { Url = "", Secret = "" };
        Assert.True(Validator.Validate(null, options).Succeeded);
        using var notifier = new WebhookNotifier(Options.Create(options), Options.Create(new NotificationOptions()));
        Assert.False(notifier.IsEnabled);
    }

    [Fact]
    public void Url_and_secret_turn_the_webhook_on_and_the_logged_target_hides_the_path()
    {
        var options = new WebhookNotifierOptions { Url = "https://hooks.example.com/t/SECRET-TOKEN", Secret = "0123456789abcdef0123" };
        Assert.True(Validator.Validate(null, options).Succeeded);
        using var notifier = new WebhookNotifier(Options.Create(options), Options.Create(new NotificationOptions()));
        Assert.True(notifier.IsEnabled);
        Assert.Equal("https://hooks.example.com", notifier.Target);
    }

    [Theory]
    [InlineData("https://hooks.example.com/x", null, "Notifications:Webhook:Secret must be set when Notifications:Webhook:Url is set")]
    [InlineData("https://hooks.example.com/x", "short", "Notifications:Webhook:Secret must be at least 16 characters")]
    [InlineData("hooks.example.com/x", "0123456789abcdef", "Notifications:Webhook:Url must be an absolute http(s) URL")]
    [InlineData("ftp://hooks.example.com/x", "0123456789abcdef", "Notifications:Webhook:Url must be an absolute http(s) URL")]
    [InlineData(null, "0123456789abcdef", "Notifications:Webhook:Url must be set when Notifications:Webhook:Secret is set")]
    public void A_bad_setting_is_named_in_a_sentence(string? url, string? secret, string expected)
    {
        var result = Validator.Validate(null, new WebhookNotifierOptions { Url = url, Secret = secret });
        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith(expected, StringComparison.Ordinal));
    }
}
