namespace BlazorContact.Core.Assistant.Llm;

/// <summary>
/// The LLM's cost guard: counts calls per conversation and for the whole site, and refuses once
/// either limit of the current UTC day is reached. Counts live in memory and start again at UTC
/// midnight (and at a restart), which also keeps the per-conversation table from growing forever.
/// </summary>
public sealed class LlmReplyQuota : ILlmReplyQuota
{
    private readonly int _perConversation;
    private readonly int _perDay;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _byConversation = new(StringComparer.Ordinal);
    private DateOnly _day;
    private int _today;

    public LlmReplyQuota(int maxPerConversation, int maxPerDay, TimeProvider time)
    {
        _perConversation = maxPerConversation;
        _perDay = maxPerDay;
        _time = time;
        _day = Today();
    }

    /// <summary>Takes one LLM call for <paramref name="conversationId"/>; false (and nothing taken) when a limit is reached.</summary>
    public bool TryTake(string conversationId)
    {
        lock (_gate)
        {
            var today = Today();
            if (today != _day)
            {
                _day = today;
                _today = 0;
                _byConversation.Clear();
            }

            _byConversation.TryGetValue(conversationId, out var used);
            if (used >= _perConversation || _today >= _perDay)
            {
                return false;
            }

            _byConversation[conversationId] = used + 1;
            _today++;
            return true;
        }
    }

    private DateOnly Today() => DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
}
