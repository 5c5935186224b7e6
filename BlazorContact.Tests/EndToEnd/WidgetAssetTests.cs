using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using BlazorContact.Tests.Support;
using Xunit.Abstractions;

namespace BlazorContact.Tests.EndToEnd;

/// <summary>How the widget script is served to other sites: its size, its caching, the demo page.</summary>
[Collection(WidgetCollection.Name)]
public sealed class WidgetAssetTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>The issue's budget for the widget with its CSS, gzipped.</summary>
    private const int BudgetBytes = 12 * 1024;

    private ContactServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _server = await ContactServer.StartAsync();
        _http = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = _server.HttpUri };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Widget_script_gzipped_fits_in_12_KB()
    {
        var served = await _http.GetByteArrayAsync("/contact-widget.js");
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(served);
        }

        output.WriteLine($"contact-widget.js: {served.Length:N0} bytes, {compressed.Length:N0} bytes gzipped (budget {BudgetBytes:N0})");
        Assert.True(compressed.Length <= BudgetBytes, $"the widget is {compressed.Length:N0} bytes gzipped, over its budget of {BudgetBytes:N0}");
    }

    [Fact]
    public async Task Embed_url_is_cached_briefly_and_revalidated_by_etag()
    {
        using var response = await _http.GetAsync("/contact-widget.js");

        response.EnsureSuccessStatusCode();
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        var cache = response.Headers.CacheControl!;
        Assert.True(cache.Public);
        Assert.Equal(TimeSpan.FromMinutes(5), cache.MaxAge);
        Assert.True(cache.MustRevalidate);
        Assert.False(cache.NoCache);
        var etag = response.Headers.ETag!;

        using var revalidate = new HttpRequestMessage(HttpMethod.Get, "/contact-widget.js");
        revalidate.Headers.IfNoneMatch.Add(etag);
        using var notModified = await _http.SendAsync(revalidate);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(5), notModified.Headers.CacheControl?.MaxAge);
    }

    [Fact]
    public async Task Versioned_url_from_the_demo_page_is_cached_for_a_year_and_a_stale_version_is_not()
    {
        var demo = await _http.GetStringAsync("/demo/static-blog.html");
        var version = System.Text.RegularExpressions.Regex.Match(demo, @"contact-widget\.js\?v=([0-9a-f]{16})").Groups[1].Value;
        Assert.NotEmpty(version);

        using var pinned = await _http.GetAsync($"/contact-widget.js?v={version}");
        Assert.Equal("public, max-age=31536000, immutable", pinned.Headers.CacheControl?.ToString());
        Assert.Equal(await _http.GetByteArrayAsync("/contact-widget.js"), await pinned.Content.ReadAsByteArrayAsync());

        using var stale = await _http.GetAsync("/contact-widget.js?v=0000000000000000");
        Assert.Equal(TimeSpan.FromMinutes(5), stale.Headers.CacheControl?.MaxAge);
    }

    [Fact]
    public async Task Gzip_is_served_to_browsers_that_ask_for_it()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/contact-widget.js");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        using var response = await _http.SendAsync(request);

        Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.Equal(TimeSpan.FromMinutes(5), response.Headers.CacheControl?.MaxAge);
        await using var body = new GZipStream(await response.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        using var text = new StreamReader(body);
        Assert.StartsWith("/*! BlazorContact widget", await text.ReadToEndAsync());
    }

    [Fact]
    public async Task Demo_page_embeds_the_widget_with_the_one_tag_a_blog_uses()
    {
        var demo = await _http.GetStringAsync("/demo/static-blog.html");
        var host = _server.HttpUri.Authority;

        Assert.Contains($"<script src=\"http://{host}/contact-widget.js\" data-server=\"ws://{host}/contact\" async></script>", demo);
    }
}
