namespace BlazorContact.Core.Assistant;

/// <summary>One blog post read from a Markdown file.</summary>
/// <param name="Title">From front matter, else the first <c># heading</c>, else the file name.</param>
/// <param name="Url">From front matter, else <c>/posts/{file name without extension}</c>.</param>
/// <param name="Date">Publication date, when the front matter gives a readable one.</param>
/// <param name="Tags">Front matter tags, possibly empty.</param>
/// <param name="Body">The Markdown after the front matter.</param>
internal sealed record MarkdownPost(string Title, string Url, DateOnly? Date, IReadOnlyList<string> Tags, string Body)
{
    /// <summary>What could not be read of the file (bad front matter), for the owner's log; null when all was read.</summary>
    public string? ReadProblem { get; init; }
}
