using System.Collections.Concurrent;

namespace BlazorContact.Core.Replies;

/// <summary>Answer claims of one instance.</summary>
public sealed class InMemoryAnswerClaims : IAnswerClaims
{
    private readonly ConcurrentDictionary<long, byte> _claimed = new();

    public bool TryClaim(long messageId) => _claimed.TryAdd(messageId, 0);

    public void Release(long messageId) => _claimed.TryRemove(messageId, out _);
}
