namespace BlazorContact.Core.Assistant.Llm;

/// <summary>
/// The LLM's cost guard. Behind an interface because several instances must share one budget (a
/// visitor reconnecting to another instance is still one visitor); <see cref="LlmReplyQuota"/> counts in memory.
/// </summary>
public interface ILlmReplyQuota
{
    /// <summary>Takes one LLM call for <paramref name="conversationId"/>; false (and nothing taken) when a limit is reached.</summary>
    bool TryTake(string conversationId);
}
