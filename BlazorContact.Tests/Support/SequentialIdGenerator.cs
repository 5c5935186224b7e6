using System.Globalization;
using BlazorContact.Core.Conversations;

namespace BlazorContact.Tests.Support;

/// <summary>
/// Ids a test can predict: the n-th client id, conversation id and session token (from 1) are
/// <see cref="ClientId"/>(n), <see cref="ConversationId"/>(n) and <see cref="SessionToken"/>(n).
/// Ids are UUIDs as the protocol requires; each kind has its own first group, so they never collide.
/// The owner setup token is a session token too: a server without an owner password takes one at start.
/// </summary>
public sealed class SequentialIdGenerator : IIdGenerator
{
    private int _clients;
    private int _conversations;
    private int _tokens;

    public static string ClientId(int n) => Uuid(0xc1, n);

    public static string ConversationId(int n) => Uuid(0xc0, n);

    public static string SessionToken(int n) => string.Create(CultureInfo.InvariantCulture, $"sequential-session-token-{n:D8}");

    public string NewClientId() => ClientId(Interlocked.Increment(ref _clients));

    public string NewConversationId() => ConversationId(Interlocked.Increment(ref _conversations));

    public string NewSessionToken() => SessionToken(Interlocked.Increment(ref _tokens));

    private static string Uuid(int kind, int n) => string.Create(CultureInfo.InvariantCulture, $"{kind:x8}-0000-4000-8000-{n:x12}");
}
