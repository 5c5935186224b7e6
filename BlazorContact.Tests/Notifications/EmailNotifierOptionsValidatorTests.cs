using BlazorContact.Core.Notifications;

namespace BlazorContact.Tests.Notifications;

public sealed class EmailNotifierOptionsValidatorTests
{
    private static readonly EmailNotifierOptionsValidator Validator = new();

    [Fact]
    public void Nothing_set_is_valid_and_means_email_is_off()
    {
        var options = new EmailNotifierOptions { Host = "", To = "" };
        Assert.True(Validator.Validate(null, options).Succeeded);
        Assert.False(options.IsConfigured);
        Assert.False(new SmtpEmailNotifier(Microsoft.Extensions.Options.Options.Create(options)).IsEnabled);
    }

    [Fact]
    public void Host_and_To_turn_email_on()
    {
        var options = new EmailNotifierOptions { Host = "smtp.example.com", To = "owner@example.com, Co-Owner <co@example.com>", From = "Blog <blog@example.com>" };
        Assert.True(Validator.Validate(null, options).Succeeded);
        Assert.True(new SmtpEmailNotifier(Microsoft.Extensions.Options.Options.Create(options)).IsEnabled);
    }

    [Theory]
    [InlineData("smtp.example.com", null, 587, "Notifications:Email:To must be set")]
    [InlineData(null, "owner@example.com", 587, "Notifications:Email:Host must be set")]
    [InlineData("smtp.example.com", "owner@example.com", 0, "Notifications:Email:Port must be between 1 and 65535")]
    [InlineData("smtp.example.com", "owner@example.com", 70000, "Notifications:Email:Port must be between 1 and 65535")]
    [InlineData("smtp.example.com", "owner", 587, "Notifications:Email:To must be one or more email addresses")]
    [InlineData("smtp.example.com", "owner@example.com, nope", 587, "Notifications:Email:To must be one or more email addresses")]
    [InlineData("smtp example com", "owner@example.com", 587, "Notifications:Email:Host must be a host name")]
    public void A_bad_setting_is_named_in_a_sentence(string? host, string? to, int port, string expected)
    {
        var result = Validator.Validate(null, new EmailNotifierOptions { Host = host, To = to, Port = port });
        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void From_must_be_an_address_and_a_user_name_needs_a_password()
    {
        var result = Validator.Validate(null, new EmailNotifierOptions { Host = "smtp.example.com", To = "owner@example.com", From = "blog", UserName = "blog" });
        Assert.Contains(result.Failures!, f => f.StartsWith("Notifications:Email:From must", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Notifications:Email:Password must", StringComparison.Ordinal));
    }
}
