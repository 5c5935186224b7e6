namespace BlazorContact.Core.Assistant;

/// <summary>
/// An assistant that can show its answer while it is being written (an LLM). The pieces are a
/// preview only: the returned <see cref="AssistantAnswer"/> is the answer that counts, and it may
/// differ from the pieces when the model failed half-way and the built-in answer replaced it.
/// </summary>
public interface IStreamingAssistant : IAssistant
{
    /// <summary>Produces the reply, calling <paramref name="onDelta"/> with each piece of text as it arrives.</summary>
    /// <param name="question">The visitor's message.</param>
    /// <param name="onDelta">Receives pieces in order; must be quick and must not throw.</param>
    /// <param name="cancellationToken">Cancels the whole answer.</param>
    ValueTask<AssistantAnswer> AnswerStreamingAsync(AssistantQuestion question, Action<string> onDelta, CancellationToken cancellationToken);
}
