using System.Globalization;
using AngleSharp.Dom;

namespace BlazorContact.Core.Assistant;

/// <summary>Reads a blog post from an HTML page (a <c>*.html</c> file or a page fetched from a sitemap).</summary>
internal static class HtmlPostReader
{
    /// <summary>
    /// Builds a post: the title from <c>&lt;title&gt;</c>, else the first <c>&lt;h1&gt;</c>, else
    /// <paramref name="fileName"/>; the url from <c>&lt;link rel="canonical"&gt;</c>, else
    /// <c>&lt;meta property="og:url"&gt;</c>, else <paramref name="fallbackUrl"/> or <c>/posts/{fileName}</c>;
    /// the date from <c>article:published_time</c> or the first <c>&lt;time datetime&gt;</c>; tags from
    /// <c>article:tag</c> and <c>keywords</c>. The body is the page's text as Markdown (<see cref="HtmlText"/>).
    /// </summary>
    public static MarkdownPost Parse(string fileName, string html, string? fallbackUrl = null)
    {
        var document = HtmlText.Parse(html);
        string? ogUrl = null, published = null;
        var tags = new List<string>();
        foreach (var meta in document.GetElementsByTagName("meta"))
        {
            var key = meta.GetAttribute("property") ?? meta.GetAttribute("name");
            var content = NonEmpty(meta.GetAttribute("content"));
            if (content is null)
            {
                continue;
            }
            if (string.Equals(key, "og:url", StringComparison.OrdinalIgnoreCase))
            {
                ogUrl ??= content;
            }
            else if (string.Equals(key, "article:published_time", StringComparison.OrdinalIgnoreCase))
            {
                published ??= content;
            }
            else if (string.Equals(key, "article:tag", StringComparison.OrdinalIgnoreCase) || string.Equals(key, "keywords", StringComparison.OrdinalIgnoreCase))
            {
                tags.AddRange(content.Split([',', '，'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }
        }
        var canonical = FirstNonEmpty(document.GetElementsByTagName("link").Where(link => HasWord(link.GetAttribute("rel"), "canonical")), "href");
        var time = FirstNonEmpty(document.GetElementsByTagName("time"), "datetime");

        var body = HtmlText.ToMarkdown(document);
        var title = NonEmpty(document.Title) ?? MarkdownText.FirstHeading(body) ?? fileName;
        var url = canonical ?? ogUrl ?? fallbackUrl ?? $"/posts/{fileName}";
        var date = DateTimeOffset.TryParse(published ?? time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? DateOnly.FromDateTime(parsed.Date)
            : (DateOnly?)null;
        return new MarkdownPost(title, url, date, tags.Distinct(StringComparer.OrdinalIgnoreCase).ToList(), body);
    }

    private static string? FirstNonEmpty(IEnumerable<IElement> elements, string attribute) =>
        elements.Select(element => NonEmpty(element.GetAttribute(attribute))).FirstOrDefault(value => value is not null);

    private static bool HasWord(string? value, string word) =>
        value is not null && value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(word, StringComparer.OrdinalIgnoreCase);

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
