using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlazorContact.Core.Assistant;

/// <summary>
/// Fetches the posts of <see cref="AssistantOptions.FeedUrl"/>: a feed's items directly, a sitemap's
/// pages one by one (at most <see cref="AssistantOptions.FeedMaxPages"/>, a few at a time) read as HTML.
/// A typed <see cref="HttpClient"/>, registered only when a feed is configured.
/// </summary>
public sealed partial class FeedPostSource(HttpClient client, IOptions<AssistantOptions> options, ILogger<FeedPostSource> logger)
{
    /// <summary>Pages fetched at once: polite to a small blog's server, still quick for 200 pages.</summary>
    private const int PageConcurrency = 4;

    /// <summary>Child sitemaps read from a sitemap index; a blog needs one or two.</summary>
    private const int MaxChildSitemaps = 20;

    private readonly AssistantOptions options = options.Value;

    /// <summary>
    /// Every post the feed offers now. A page of a sitemap that fails is logged and left out; the feed
    /// itself failing, or every page failing, throws, so the caller keeps its last good posts.
    /// </summary>
    internal async Task<IReadOnlyList<MarkdownPost>> FetchAsync(CancellationToken cancellationToken)
    {
        var feedUrl = new Uri(options.FeedUrl ?? throw new InvalidOperationException("Assistant:FeedUrl is not set."), UriKind.Absolute);
        var document = FeedDocument.Parse(await GetAsync(feedUrl, cancellationToken), feedUrl);
        if (document.Pages.Count == 0 && document.Sitemaps.Count == 0)
        {
            return document.Posts;
        }

        var pages = document.Pages.ToList();
        foreach (var sitemap in document.Sitemaps.Take(MaxChildSitemaps))
        {
            if (pages.Count >= options.FeedMaxPages)
            {
                break;
            }
            pages.AddRange(FeedDocument.Parse(await GetAsync(sitemap, cancellationToken), sitemap).Pages);
        }
        pages = pages.Distinct().Take(options.FeedMaxPages).ToList();

        var posts = new MarkdownPost?[pages.Count];
        await Parallel.ForAsync(0, pages.Count, new ParallelOptions { MaxDegreeOfParallelism = PageConcurrency, CancellationToken = cancellationToken }, async (i, token) =>
        {
            try
            {
                var html = await GetAsync(pages[i], token);
                var name = pages[i].Segments.Length > 0 ? pages[i].Segments[^1].Trim('/') : pages[i].Host;
                posts[i] = HtmlPostReader.Parse(name.Length > 0 ? name : pages[i].Host, html, pages[i].AbsoluteUri);
            }
            catch (Exception exception) when (exception is HttpRequestException or TimeoutException || (exception is OperationCanceledException && !token.IsCancellationRequested))
            {
                Log.PageFailed(logger, exception, pages[i].AbsoluteUri);
            }
        });
        var read = posts.OfType<MarkdownPost>().ToList();
        if (pages.Count > 0 && read.Count == 0)
        {
            throw new HttpRequestException($"None of the {pages.Count} pages listed by {feedUrl} could be fetched.");
        }
        return read;
    }

    /// <summary>One GET with <see cref="AssistantOptions.FeedTimeout"/>; a non-success status throws.</summary>
    private async Task<string> GetAsync(Uri address, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.FeedTimeout);
        try
        {
            return await client.GetStringAsync(address, timeout.Token);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"GET {address} took longer than {options.FeedTimeout}.", exception);
        }
    }
}
