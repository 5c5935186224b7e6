using BlazorContact.Core.Conversations;

namespace BlazorContact.Tests.Conversations;

public sealed class ContactOptionsValidatorTests
{
    private static readonly ContactOptionsValidator Validator = new();

    [Fact]
    public void Defaults_are_valid() => Assert.True(Validator.Validate(null, new ContactOptions()).Succeeded);

    [Fact]
    public void Each_bad_setting_is_named_in_a_sentence()
    {
        var result = Validator.Validate(null, new ContactOptions
        {
            MaxFrameBytes = 10,
            Culture = "fr",
            AllowedOrigins = ["https://blog.example.com/path"],
        });
        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("Contact:MaxFrameBytes", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Contact:Culture", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Contact:AllowedOrigins", StringComparison.Ordinal));
    }
}
