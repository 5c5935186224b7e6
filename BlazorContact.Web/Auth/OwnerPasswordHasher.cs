using System.Buffers.Binary;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BlazorContact.Web.Auth;

/// <summary>
/// Hashes and verifies the owner's password with ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/>
/// (version 3 format: PBKDF2 with HMAC-SHA512, a random 128-bit salt per hash, 256-bit subkey, base64),
/// so a hash is never written by code of our own. The same hash comes from the setup page and from
/// the <c>hash-password</c> command.
/// </summary>
public sealed class OwnerPasswordHasher
{
    /// <summary>The shortest password the setup page and <c>hash-password</c> accept.</summary>
    public const int MinimumLength = 10;

    /// <summary>
    /// OWASP's figure for PBKDF2-HMAC-SHA512 (Identity's default is 100,000). A sign-in costs one
    /// verification and the lockout caps how many a stranger gets, so the extra time costs nothing.
    /// </summary>
    public const int IterationCount = 210_000;

    private const byte FormatVersion3 = 0x01;
    private const int HeaderLength = 13;
    private const int MinimumSaltOrSubkeyLength = 16;
    private const int MinimumIterationCount = 10_000;

    private static readonly Owner TheOwner = new();

    private readonly PasswordHasher<Owner> _hasher = new(Options.Create(new PasswordHasherOptions
    {
        CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3,
        IterationCount = IterationCount,
    }));

    /// <summary>A new salted hash of <paramref name="password"/>; two calls never give the same text.</summary>
    public string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        return _hasher.HashPassword(TheOwner, password);
    }

    /// <summary>Whether <paramref name="password"/> matches <paramref name="hash"/>; false for a malformed hash.</summary>
    public bool Verify(string hash, string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (Check(hash) is not null)
        {
            return false;
        }

        // SuccessRehashNeeded (a hash with fewer iterations, e.g. from another Identity app) still matches.
        return _hasher.VerifyHashedPassword(TheOwner, hash, password) != PasswordVerificationResult.Failed;
    }

    /// <summary>
    /// What is wrong with <paramref name="hash"/> as a version 3 hash, or null when it is well formed.
    /// Layout: 0x01, PRF (uint32), iteration count (uint32), salt length (uint32), salt, subkey; big-endian.
    /// </summary>
    public static string? Check(string? hash)
    {
        if (string.IsNullOrWhiteSpace(hash))
        {
            return "it is empty";
        }

        var bytes = new byte[hash.Length];
        if (!Convert.TryFromBase64String(hash.Trim(), bytes, out var length))
        {
            return "it is not base64";
        }

        var data = bytes.AsSpan(0, length);
        if (data.Length < HeaderLength || data[0] != FormatVersion3)
        {
            return "it is not in ASP.NET Core Identity's version 3 format";
        }

        var prf = BinaryPrimitives.ReadUInt32BigEndian(data[1..]);
        var iterations = BinaryPrimitives.ReadUInt32BigEndian(data[5..]);
        var saltLength = BinaryPrimitives.ReadUInt32BigEndian(data[9..]);
        if (prf > (uint)KeyDerivationPrfId.HmacSha512)
        {
            return $"its PRF id {prf} is unknown";
        }

        if (iterations < MinimumIterationCount)
        {
            return $"its iteration count {iterations} is below {MinimumIterationCount}";
        }

        if (saltLength < MinimumSaltOrSubkeyLength || HeaderLength + (long)saltLength + MinimumSaltOrSubkeyLength > data.Length)
        {
            return "its salt or subkey is missing or too short (was it cut when copied?)";
        }

        return null;
    }

    /// <summary>The PRF ids of the version 3 format, as Identity writes them.</summary>
    private enum KeyDerivationPrfId : uint
    {
        HmacSha1 = 0,
        HmacSha256 = 1,
        HmacSha512 = 2,
    }

    /// <summary>Identity hashes for a user type; there is one owner and the hash does not depend on it.</summary>
    private sealed class Owner;
}
