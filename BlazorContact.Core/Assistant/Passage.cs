namespace BlazorContact.Core.Assistant;

/// <summary>A searchable piece of a post: a few paragraphs under one heading, as plain text.</summary>
/// <param name="PostTitle">Title of the post it comes from.</param>
/// <param name="PostUrl">Address of that post.</param>
/// <param name="Heading">The headings it sits under, outermost first and joined by " › ", or null before the first heading.</param>
/// <param name="Text">Plain text for display: Markdown syntax removed, code kept line by line.</param>
/// <param name="Tags">The post's tags, indexed with extra weight.</param>
internal sealed record Passage(string PostTitle, string PostUrl, string? Heading, string Text, IReadOnlyList<string> Tags);
