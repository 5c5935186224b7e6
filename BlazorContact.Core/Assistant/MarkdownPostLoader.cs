using System.Globalization;

namespace BlazorContact.Core.Assistant;

/// <summary>Reads one Markdown post: front matter and body.</summary>
internal static class MarkdownPostLoader
{
    /// <summary>Builds a post from a file's text; <paramref name="fileName"/> (without extension) supplies defaults.</summary>
    public static MarkdownPost Parse(string fileName, string text)
    {
        var frontMatter = FrontMatter.Parse(text);
        var title = frontMatter.Scalar("title") ?? MarkdownText.FirstHeading(frontMatter.Body) ?? fileName;
        var url = frontMatter.Scalar("url") ?? $"/posts/{fileName}";
        var date = DateTimeOffset.TryParse(frontMatter.Scalar("date"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? DateOnly.FromDateTime(parsed.Date)
            : (DateOnly?)null;
        return new MarkdownPost(title, url, date, frontMatter.List("tags"), frontMatter.Body)
        {
            ReadProblem = frontMatter.Problem is { } problem ? $"the front matter of {fileName} is not valid YAML: {problem}" : null,
        };
    }
}
