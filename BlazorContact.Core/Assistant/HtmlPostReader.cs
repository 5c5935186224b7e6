using System.Globalization;
using System.Net;

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
        string? canonical = null, ogUrl = null, published = null, time = null;
        var tags = new List<string>();
        var scanner = new HtmlScanner(html);
        while (scanner.Next() is { } token)
        {
            if (!token.IsTag || token.Closing)
            {
                continue;
            }
            switch (token.Name.ToLowerInvariant())
            {
                case "link" when HasWord(token.Attribute("rel"), "canonical"):
                    canonical ??= NonEmpty(token.Attribute("href"));
                    break;
                case "meta":
                    var key = token.Attribute("property") ?? token.Attribute("name");
                    var content = NonEmpty(token.Attribute("content"));
                    if (content is null)
                    {
                        break;
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
                    break;
                case "time":
                    time ??= NonEmpty(token.Attribute("datetime"));
                    break;
            }
        }

        var body = HtmlText.ToMarkdown(html);
        var title = Collapse(scanner.LastTitle is null ? null : WebUtility.HtmlDecode(scanner.LastTitle))
            ?? FirstHeading(body)
            ?? fileName;
        var url = canonical ?? ogUrl ?? fallbackUrl ?? $"/posts/{fileName}";
        var date = DateTimeOffset.TryParse(published ?? time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? DateOnly.FromDateTime(parsed.Date)
            : (DateOnly?)null;
        return new MarkdownPost(title, url, date, tags.Distinct(StringComparer.OrdinalIgnoreCase).ToList(), body);
    }

    private static bool HasWord(string? value, string word) =>
        value is not null && value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(word, StringComparer.OrdinalIgnoreCase);

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string? Collapse(string? text) =>
        text is null ? null : NonEmpty(string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));

    private static string? FirstHeading(string body) =>
        body.Split('\n')
            .Where(line => line.StartsWith("# ", StringComparison.Ordinal))
            .Select(line => line[2..].Trim())
            .FirstOrDefault();
}
