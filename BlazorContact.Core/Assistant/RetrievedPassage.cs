namespace BlazorContact.Core.Assistant;

/// <summary>One passage found for a question.</summary>
/// <param name="Title">Title of the post it comes from.</param>
/// <param name="Url">Address of that post.</param>
/// <param name="Heading">The headings it sits under, or null before the first heading.</param>
/// <param name="Text">The passage as plain text.</param>
/// <param name="Score">Its BM25 score for the question (higher is better).</param>
public sealed record RetrievedPassage(string Title, string Url, string? Heading, string Text, double Score);
