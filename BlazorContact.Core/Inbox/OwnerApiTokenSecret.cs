using System.Buffers.Text;
using System.Security.Cryptography;

namespace BlazorContact.Core.Inbox;

/// <summary>
/// The format of an owner API token's secret: <c>bc_</c> and 32 random bytes in base64url (46 characters).
/// Pure: it makes, parses and hashes secrets and never stores one. What is stored is the SHA-256 of the 32
/// bytes (a random 256-bit secret needs no salt or slow hash: it can't be guessed, only stolen).
/// </summary>
public static class OwnerApiTokenSecret
{
    /// <summary>What every secret starts with, so a leaked one is recognisable (and secret scanners can find it).</summary>
    public const string Scheme = "bc_";

    /// <summary>Characters of the secret shown in lists to tell tokens apart: the scheme and 6 of 43 base64url characters.</summary>
    public const int DisplayPrefixLength = 9;

    private const int SecretBytes = 32;

    private static readonly System.Buffers.SearchValues<char> Base64UrlAlphabet =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    /// <summary>The length of every well-formed secret.</summary>
    public static readonly int Length = Scheme.Length + Base64Url.GetEncodedLength(SecretBytes);

    /// <summary>A new secret from the operating system's cryptographic random source.</summary>
    public static string Generate()
    {
        Span<byte> bytes = stackalloc byte[SecretBytes];
        RandomNumberGenerator.Fill(bytes);
        return Scheme + Base64Url.EncodeToString(bytes);
    }

    /// <summary>The part of <paramref name="secret"/> that lists show; not enough to use it.</summary>
    public static string DisplayPrefix(string secret) => secret[..DisplayPrefixLength];

    /// <summary>
    /// The SHA-256 of a presented secret's bytes, or null when it is not a well-formed secret (wrong scheme or
    /// length, not base64url), so a malformed token is refused without touching storage.
    /// </summary>
    public static byte[]? TryHash(string? presented)
    {
        if (presented is null || presented.Length != Length || !presented.StartsWith(Scheme, StringComparison.Ordinal))
        {
            return null;
        }

        var encoded = presented.AsSpan(Scheme.Length);
        if (encoded.ContainsAnyExcept(Base64UrlAlphabet))
        {
            return null;
        }

        Span<byte> bytes = stackalloc byte[SecretBytes + 2];
        int written;
        try
        {
            // TryDecodeFromChars throws rather than returning false for some inputs (spare bits set in the last character).
            if (!Base64Url.TryDecodeFromChars(encoded, bytes, out written) || written != SecretBytes)
            {
                return null;
            }
        }
        catch (FormatException)
        {
            return null;
        }

        // Only the canonical spelling: base64url's last character has spare bits, and two spellings of one token would confuse.
        if (!string.Equals(Base64Url.EncodeToString(bytes[..SecretBytes]), presented[Scheme.Length..], StringComparison.Ordinal))
        {
            return null;
        }

        return SHA256.HashData(bytes[..SecretBytes]);
    }
}
