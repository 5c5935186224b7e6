using System.Security.Cryptography;
using System.Text;

namespace BlazorContact.Core.Notifications;

/// <summary>
/// The <c>X-BlazorContact-Signature</c> value: <c>sha256=</c> and the lowercase hex HMAC-SHA256 of
/// the raw request body, keyed with <c>Notifications:Webhook:Secret</c> (UTF-8).
/// </summary>
public static class WebhookSignature
{
    public const string Prefix = "sha256=";

    public static string Compute(string secret, ReadOnlySpan<byte> body) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>Checks a received header against the body, in constant time.</summary>
    public static bool Verify(string secret, ReadOnlySpan<byte> body, string? header)
    {
        if (header is null)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(secret, body));
        var actual = Encoding.ASCII.GetBytes(header.Trim().ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
