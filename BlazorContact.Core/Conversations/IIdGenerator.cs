using System.Security.Cryptography;

namespace BlazorContact.Core.Conversations;

/// <summary>Makes the ids the protocol hands out; injected so tests can predict them.</summary>
public interface IIdGenerator
{
    string NewClientId();

    string NewConversationId();

    /// <summary>An unguessable token: whoever holds it can read the conversation's replies.</summary>
    string NewSessionToken();
}

/// <summary>UUIDs for ids, 256 random bits (base64url) for session tokens.</summary>
public sealed class RandomIdGenerator : IIdGenerator
{
    public string NewClientId() => Guid.NewGuid().ToString();

    public string NewConversationId() => Guid.NewGuid().ToString();

    public string NewSessionToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
