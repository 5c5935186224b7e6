using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace BlazorContact.Core.Assistant;

/// <summary>
/// What a feed URL returned: posts (RSS 2.0, RSS 1.0 or Atom, whose items carry their content), or
/// page addresses to fetch (a sitemap's <c>&lt;url&gt;</c> list, or a sitemap index's child sitemaps).
/// Elements are found by local name, so feeds that put their namespaces in unusual places still read.
/// </summary>
/// <param name="Posts">Posts read from feed items, their urls absolute.</param>
/// <param name="Pages">Absolute http(s) addresses listed by a sitemap, in document order.</param>
/// <param name="Sitemaps">Absolute addresses of child sitemaps listed by a sitemap index.</param>
internal sealed record FeedDocument(IReadOnlyList<MarkdownPost> Posts, IReadOnlyList<Uri> Pages, IReadOnlyList<Uri> Sitemaps)
{
    /// <summary>Parses <paramref name="xml"/> fetched from <paramref name="address"/>, which relative links are resolved against.</summary>
    /// <exception cref="FormatException">The text is not XML, or not a feed or a sitemap.</exception>
    public static FeedDocument Parse(string xml, Uri address)
    {
        XElement root;
        try
        {
            // No DTDs and no resolver: a feed is untrusted input and must not make us fetch or expand entities.
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null };
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            root = XDocument.Load(reader).Root ?? throw new FormatException("The feed is an empty XML document.");
        }
        catch (XmlException exception)
        {
            throw new FormatException($"The feed is not well-formed XML: {exception.Message}", exception);
        }

        switch (root.Name.LocalName)
        {
            case "rss" or "RDF":
                return new FeedDocument(Descendants(root, "item").Select(item => RssItem(item, address)).OfType<MarkdownPost>().ToList(), [], []);
            case "feed":
                return new FeedDocument(Children(root, "entry").Select(entry => AtomEntry(entry, address)).OfType<MarkdownPost>().ToList(), [], []);
            case "urlset":
                return new FeedDocument([], Locations(root, "url", address), []);
            case "sitemapindex":
                return new FeedDocument([], [], Locations(root, "sitemap", address));
            default:
                throw new FormatException($"The feed's root element <{root.Name.LocalName}> is not rss, feed, urlset or sitemapindex.");
        }
    }

    private static MarkdownPost? RssItem(XElement item, Uri feed)
    {
        var link = Absolute(Child(item, "link")?.Value ?? Child(item, "guid")?.Value, feed);
        if (link is null)
        {
            return null;
        }
        // content:encoded holds the full post when the feed has it; description is often a summary.
        var html = Child(item, "encoded")?.Value ?? Child(item, "description")?.Value ?? "";
        var date = Child(item, "pubDate")?.Value ?? Child(item, "date")?.Value;
        var tags = Children(item, "category").Select(category => category.Value.Trim()).Where(tag => tag.Length > 0).ToList();
        return Post(Child(item, "title")?.Value, link, date, tags, html);
    }

    private static MarkdownPost? AtomEntry(XElement entry, Uri feed)
    {
        var links = Children(entry, "link").ToList();
        var alternate = links.FirstOrDefault(link => (string?)link.Attribute("rel") is null or "alternate") ?? links.FirstOrDefault();
        var url = Absolute((string?)alternate?.Attribute("href") ?? Child(entry, "id")?.Value, feed);
        if (url is null)
        {
            return null;
        }
        var content = Child(entry, "content") ?? Child(entry, "summary");
        // type="xhtml" carries the markup as child elements; html and text carry it as (escaped) text.
        var html = content is null ? ""
            : (string?)content.Attribute("type") == "xhtml" ? string.Concat(content.Nodes().Select(node => node.ToString()))
            : content.Value;
        var date = Child(entry, "published")?.Value ?? Child(entry, "updated")?.Value;
        var tags = Children(entry, "category").Select(category => ((string?)category.Attribute("term") ?? "").Trim()).Where(tag => tag.Length > 0).ToList();
        return Post(Child(entry, "title")?.Value, url, date, tags, html);
    }

    private static MarkdownPost Post(string? title, Uri url, string? date, List<string> tags, string html)
    {
        var name = url.Segments.Length > 0 ? url.Segments[^1].Trim('/') : url.Host;
        return new MarkdownPost(
            string.IsNullOrWhiteSpace(title) ? name : title.Trim(),
            url.AbsoluteUri,
            DateTimeOffset.TryParse(date, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? DateOnly.FromDateTime(parsed.Date) : null,
            tags,
            HtmlText.ToMarkdown(html));
    }

    private static List<Uri> Locations(XElement root, string entryName, Uri address) =>
        Children(root, entryName)
            .Select(entry => Absolute(Child(entry, "loc")?.Value, address))
            .OfType<Uri>()
            .Distinct()
            .ToList();

    /// <summary>An absolute http(s) address, or null for anything else (mailto:, javascript:, garbage).</summary>
    private static Uri? Absolute(string? value, Uri baseAddress) =>
        Uri.TryCreate(baseAddress, value?.Trim(), out var uri) && uri.Scheme is "http" or "https" && !string.IsNullOrWhiteSpace(value) ? uri : null;

    private static XElement? Child(XElement parent, string localName) => Children(parent, localName).FirstOrDefault();

    private static IEnumerable<XElement> Children(XElement parent, string localName) =>
        parent.Elements().Where(element => element.Name.LocalName == localName);

    private static IEnumerable<XElement> Descendants(XElement parent, string localName) =>
        parent.Descendants().Where(element => element.Name.LocalName == localName);
}
