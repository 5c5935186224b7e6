using System.Security.Cryptography;
using System.Text;

namespace BlazorContact.Core.Storage;

/// <summary>
/// Session tokens are stored as their SHA-256 (lowercase hex), never as given: a copied database or a
/// backup does not hand out tokens that resume visitors' conversations. A token is 256 random bits, so an
/// unsalted fast hash is enough (nothing to brute-force), and it stays an indexed exact-match lookup.
/// </summary>
public static class SessionTokenHash
{
    public static string Of(string sessionToken) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sessionToken)));
}
