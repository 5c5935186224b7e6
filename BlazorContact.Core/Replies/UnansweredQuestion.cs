namespace BlazorContact.Core.Replies;

/// <summary>A question the posts did not cover, kept while the assistant's offer to pass it on stands.</summary>
internal sealed record UnansweredQuestion(string Question, DateTimeOffset At)
{
    public static readonly TimeSpan OfferLifetime = TimeSpan.FromMinutes(10);

    private static readonly HashSet<string> Affirmatives = new(StringComparer.OrdinalIgnoreCase)
    {
        "是", "是的", "好", "好的", "可以", "行", "嗯", "要", "对", "麻烦了", "yes", "y", "ok", "okay", "sure", "please", "yes please",
    };

    /// <summary>"是的！", "OK." and "yes please" say yes; a sentence with its own content does not.</summary>
    public static bool IsAffirmative(string message) =>
        Affirmatives.Contains(message.Trim().TrimEnd('!', '.', '。', '！', '~', '～', ',', '，', ' '));
}
