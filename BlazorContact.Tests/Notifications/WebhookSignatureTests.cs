using System.Text;
using BlazorContact.Core.Notifications;

namespace BlazorContact.Tests.Notifications;

public sealed class WebhookSignatureTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("The quick brown fox jumps over the lazy dog");

    [Fact]
    public void Signature_is_sha256_prefix_and_lowercase_hex_hmac_of_the_body()
    {
        // The published HMAC-SHA256 test value for key "key" and this message.
        Assert.Equal("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8", WebhookSignature.Compute("key", Body));
    }

    [Fact]
    public void Verify_accepts_the_signature_and_ignores_hex_case()
    {
        var signature = WebhookSignature.Compute("key", Body);
        Assert.True(WebhookSignature.Verify("key", Body, signature));
        Assert.True(WebhookSignature.Verify("key", Body, signature.ToUpperInvariant().Replace("SHA256=", "sha256=", StringComparison.Ordinal)));
    }

    [Fact]
    public void Verify_rejects_another_secret_a_changed_body_or_a_bare_hex_value()
    {
        var signature = WebhookSignature.Compute("key", Body);
        Assert.False(WebhookSignature.Verify("other", Body, signature));
        Assert.False(WebhookSignature.Verify("key", Encoding.UTF8.GetBytes("The quick brown fox jumps over the lazy cat"), signature));
        Assert.False(WebhookSignature.Verify("key", Body, signature["sha256=".Length..]));
        Assert.False(WebhookSignature.Verify("key", Body, null));
    }
}
