namespace BlazorContact.Core.Assistant;

/// <summary>
/// Answers a visitor's question. Implementations must not throw for "no answer": they return an
/// <see cref="AssistantAnswer"/> with <see cref="AssistantAnswer.Found"/> set to false and a polite text.
/// </summary>
public interface IAssistant
{
    /// <summary>Produces the reply to one visitor message.</summary>
    ValueTask<AssistantAnswer> AnswerAsync(AssistantQuestion question, CancellationToken cancellationToken);
}
