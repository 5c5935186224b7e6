using System.Buffers.Binary;
using BlazorContact.Web.Auth;
using Microsoft.AspNetCore.Identity;

namespace BlazorContact.Tests.Auth;

public sealed class OwnerPasswordHasherTests
{
    private const string Password = "correct horse battery staple";
    private static readonly OwnerPasswordHasher Hasher = new();
    private static readonly string HashOfPassword = Hasher.Hash(Password);

    [Fact]
    public void The_right_password_matches_its_hash()
    {
        Assert.True(Hasher.Verify(HashOfPassword, Password));
    }

    [Theory]
    [InlineData("correct horse battery stapl")]
    [InlineData("Correct horse battery staple")]
    [InlineData("correct horse battery staple ")]
    [InlineData("")]
    public void Any_other_password_does_not_match(string other)
    {
        Assert.False(Hasher.Verify(HashOfPassword, other));
    }

    [Fact]
    public void The_same_password_hashed_twice_gets_different_salts_and_both_verify()
    {
        var again = Hasher.Hash(Password);

        Assert.NotEqual(HashOfPassword, again);
        Assert.NotEqual(Salt(HashOfPassword), Salt(again));
        Assert.True(Hasher.Verify(again, Password));
    }

    [Fact]
    public void A_hash_is_identity_version_3_with_sha512_210000_iterations_and_a_16_byte_salt()
    {
        var bytes = Convert.FromBase64String(HashOfPassword);

        Assert.Equal(0x01, bytes[0]);
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1)));
        Assert.Equal(210_000u, BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5)));
        Assert.Equal(16u, BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(9)));
        Assert.Equal(13 + 16 + 32, bytes.Length);
        Assert.DoesNotContain(Password, HashOfPassword);
    }

    [Fact]
    public void A_hash_made_by_identity_with_its_defaults_verifies_too()
    {
        var identityHash = new PasswordHasher<object>().HashPassword(new object(), Password);

        Assert.Null(OwnerPasswordHasher.Check(identityHash));
        Assert.True(Hasher.Verify(identityHash, Password));
    }

    [Theory]
    [InlineData("", "it is empty")]
    [InlineData("   ", "it is empty")]
    [InlineData("not base64!", "it is not base64")]
    [InlineData("pbkdf2-sha256$600000$c2FsdA$aGFzaA", "it is not base64")]
    [InlineData("AAAA", "it is not in ASP.NET Core Identity's version 3 format")]
    public void Malformed_hashes_are_named_and_never_match(string hash, string problem)
    {
        Assert.Equal(problem, OwnerPasswordHasher.Check(hash));
        Assert.False(Hasher.Verify(hash, Password));
    }

    [Fact]
    public void A_version_2_hash_is_refused()
    {
        var version2 = Convert.ToBase64String([0x00, .. new byte[48]]);

        Assert.Equal("it is not in ASP.NET Core Identity's version 3 format", OwnerPasswordHasher.Check(version2));
    }

    [Fact]
    public void A_hash_cut_short_when_copied_is_refused()
    {
        var cut = Convert.ToBase64String(Convert.FromBase64String(HashOfPassword).AsSpan(0, 40));

        Assert.Equal("its salt or subkey is missing or too short (was it cut when copied?)", OwnerPasswordHasher.Check(cut));
        Assert.False(Hasher.Verify(cut, Password));
    }

    [Fact]
    public void Unknown_prf_and_too_few_iterations_are_refused()
    {
        var bytes = Convert.FromBase64String(HashOfPassword);
        var unknownPrf = (byte[])bytes.Clone();
        BinaryPrimitives.WriteUInt32BigEndian(unknownPrf.AsSpan(1), 7);
        var fewIterations = (byte[])bytes.Clone();
        BinaryPrimitives.WriteUInt32BigEndian(fewIterations.AsSpan(5), 1000);

        Assert.Equal("its PRF id 7 is unknown", OwnerPasswordHasher.Check(Convert.ToBase64String(unknownPrf)));
        Assert.Equal("its iteration count 1000 is below 10000", OwnerPasswordHasher.Check(Convert.ToBase64String(fewIterations)));
    }

    [Fact]
    public void Surrounding_whitespace_from_a_copied_value_is_tolerated()
    {
        Assert.Null(OwnerPasswordHasher.Check($"  {HashOfPassword}\n"));
    }

    private static string Salt(string hash) => Convert.ToBase64String(Convert.FromBase64String(hash).AsSpan(13, 16));
}
