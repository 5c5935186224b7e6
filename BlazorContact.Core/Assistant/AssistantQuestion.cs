namespace BlazorContact.Core.Assistant;

/// <summary>One visitor message to answer, with the conversation it belongs to.</summary>
/// <param name="ConversationId">The conversation, so an implementation can keep context.</param>
/// <param name="Text">The visitor's message as received (already validated, non-empty).</param>
public sealed record AssistantQuestion(string ConversationId, string Text)
{
    /// <summary>
    /// The conversation's latest messages before this one, oldest first; empty unless the assistant
    /// uses them (<see cref="AssistantOptions.HistoryMessagesForAssistant"/>).
    /// </summary>
    public IReadOnlyList<AssistantTurn> History { get; init; } = [];
}
