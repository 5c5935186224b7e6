namespace BlazorContact.Core.Assistant;

/// <summary>
/// Finds the passages of the blog's posts that answer a question, without wording an answer: the
/// grounding an LLM answers from.
/// </summary>
public interface IPassageRetriever
{
    /// <summary>How many posts the passages come from.</summary>
    int PostCount { get; }

    /// <summary>
    /// At most <paramref name="count"/> passages relevant to <paramref name="question"/>, best first;
    /// empty when the posts do not cover it (the same judgement the built-in answer makes).
    /// </summary>
    IReadOnlyList<RetrievedPassage> Retrieve(string question, int count);
}
