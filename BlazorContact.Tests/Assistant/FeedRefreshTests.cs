using BlazorContact.Core.Assistant;
using BlazorContact.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace BlazorContact.Tests.Assistant;

/// <summary>Posts from a blog hosted elsewhere: RSS, Atom and a sitemap served by a local server, merged with the folder.</summary>
public sealed class FeedRefreshTests : IAsyncLifetime
{
    private const string Rss = """
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
          <channel><title>Elsewhere</title>
            <item>
              <title>Backing up the SQLite database</title>
              <link>/posts/backup</link>
              <pubDate>Mon, 30 Nov 2026 10:00:00 GMT</pubDate>
              <category>backup</category>
              <description>Short summary.</description>
              <content:encoded><![CDATA[<h2>Nightly copy</h2><p>Run <code>sqlite3 contact.db ".backup nightly.db"</code> from cron every night.</p>]]></content:encoded>
            </item>
          </channel>
        </rss>
        """;

    private const string Atom = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom">
          <title>Elsewhere</title>
          <entry>
            <title>用 Docker 运行</title>
            <link rel="alternate" href="https://blog.example.com/posts/docker"/>
            <published>2026-12-01T08:00:00Z</published>
            <category term="docker"/>
            <content type="html">&lt;p&gt;用 Docker 容器运行服务，把数据目录挂载为卷。&lt;/p&gt;</content>
          </entry>
        </feed>
        """;

    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("feed-posts-");
    private LocalFeedServer server = null!;

    public async Task InitializeAsync()
    {
        server = await LocalFeedServer.StartAsync();
        foreach (var post in Directory.EnumerateFiles(SamplePosts.Folder))
        {
            File.Copy(post, Path.Combine(folder.FullName, Path.GetFileName(post)));
        }
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        folder.Delete(recursive: true);
    }

    private (KnowledgeBaseAssistant Assistant, FeedRefreshService Service) Create(string feedPath, FakeTimeProvider? time = null, ILogger<FeedRefreshService>? logger = null, int maxPages = 200)
    {
        var options = Options.Create(new AssistantOptions
        {
            ContentPath = folder.FullName,
            FeedUrl = server.Url(feedPath).AbsoluteUri,
            FeedMaxPages = maxPages,
            FeedTimeout = TimeSpan.FromSeconds(5),
        });
        var assistant = new KnowledgeBaseAssistant(options, NullLogger<KnowledgeBaseAssistant>.Instance, TimeProvider.System);
        var source = new FeedPostSource(new HttpClient(), options, NullLogger<FeedPostSource>.Instance);
        var service = new FeedRefreshService(assistant, source, options, logger ?? NullLogger<FeedRefreshService>.Instance, time ?? TimeProvider.System);
        return (assistant, service);
    }

    private static async Task<AssistantAnswer> Ask(IAssistant assistant, string question) =>
        await assistant.AnswerAsync(new AssistantQuestion("c", question), CancellationToken.None);

    [Fact]
    public async Task Rss_items_are_merged_with_the_folder_posts()
    {
        server.Documents["/feed.xml"] = ("application/rss+xml", Rss);
        var (assistant, service) = Create("/feed.xml");
        using var _ = assistant;
        var folderPosts = assistant.PostCount;

        Assert.True(await service.RefreshAsync(CancellationToken.None));

        Assert.Equal(folderPosts + 1, assistant.PostCount);
        var answer = await Ask(assistant, "How do I back up the SQLite database every night?");
        Assert.True(answer.Found);
        Assert.Equal(server.Url("/posts/backup").AbsoluteUri, answer.Sources[0].Url);
        Assert.Contains("sqlite3 contact.db \".backup nightly.db\"", answer.Text, StringComparison.Ordinal);
        Assert.True((await Ask(assistant, "怎么把聊天窗口嵌入我的博客？")).Found, "folder posts are still answered");
    }

    [Fact]
    public async Task Atom_entries_are_indexed()
    {
        server.Documents["/atom.xml"] = ("application/atom+xml", Atom);
        var (assistant, service) = Create("/atom.xml");
        using var _ = assistant;

        Assert.True(await service.RefreshAsync(CancellationToken.None));

        var answer = await Ask(assistant, "能用 Docker 容器跑吗？");
        Assert.True(answer.Found);
        Assert.Equal("https://blog.example.com/posts/docker", answer.Sources[0].Url);
        Assert.Equal("用 Docker 运行", answer.Sources[0].Title);
    }

    [Fact]
    public async Task A_sitemap_s_pages_are_fetched_and_read_as_html_up_to_the_cap()
    {
        server.Documents["/sitemap.xml"] = ("application/xml", $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
              <url><loc>{server.Url("/p/kubernetes")}</loc></url>
              <url><loc>{server.Url("/p/missing")}</loc></url>
              <url><loc>{server.Url("/p/third")}</loc></url>
            </urlset>
            """);
        server.Documents["/p/kubernetes"] = ("text/html", "<html><head><title>Kubernetes | Blog</title></head><body><nav>Home</nav><article><h1>Kubernetes</h1><p>Run the container in Kubernetes with a persistent volume for the database.</p></article></body></html>");
        server.Documents["/p/third"] = ("text/html", "<title>Third</title><p>Never fetched: over the cap.</p>");
        var (assistant, service) = Create("/sitemap.xml", maxPages: 2);
        using var _ = assistant;
        var folderPosts = assistant.PostCount;

        Assert.True(await service.RefreshAsync(CancellationToken.None));

        Assert.Equal(folderPosts + 1, assistant.PostCount);
        Assert.DoesNotContain("/p/third", server.Requests);
        var answer = await Ask(assistant, "Can it run in Kubernetes?");
        Assert.True(answer.Found);
        Assert.Equal(server.Url("/p/kubernetes").AbsoluteUri, answer.Sources[0].Url);
        Assert.Equal("Kubernetes | Blog", answer.Sources[0].Title);
    }

    [Fact]
    public async Task A_failed_refresh_keeps_the_last_good_posts_and_logs()
    {
        server.Documents["/feed.xml"] = ("application/rss+xml", Rss);
        var logger = new RecordingLogger<FeedRefreshService>();
        var (assistant, service) = Create("/feed.xml", logger: logger);
        using var _ = assistant;
        Assert.True(await service.RefreshAsync(CancellationToken.None));
        var posts = assistant.PostCount;

        server.Documents["/feed.xml"] = ("text/html", "<html>not a feed");
        Assert.False(await service.RefreshAsync(CancellationToken.None));
        server.Documents.TryRemove("/feed.xml", out var _);
        Assert.False(await service.RefreshAsync(CancellationToken.None));

        Assert.Equal(posts, assistant.PostCount);
        Assert.True((await Ask(assistant, "How do I back up the SQLite database every night?")).Found);
        Assert.Equal(2, logger.Entries.Count(entry => entry.Level == LogLevel.Warning));
    }

    [Fact]
    public async Task The_background_loop_reads_at_start_and_again_after_the_interval()
    {
        server.Documents["/feed.xml"] = ("application/rss+xml", Rss);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var (assistant, service) = Create("/feed.xml", time);
        using var _ = assistant;
        var folderPosts = assistant.PostCount;

        await service.StartAsync(CancellationToken.None);
        await Eventually.UntilAsync(() => service.Refreshes == 1, "the first refresh at start");
        Assert.Equal(folderPosts + 1, assistant.PostCount);

        const string Podman = """<entry><title>Podman</title><link href="https://blog.example.com/posts/podman"/><content type="text">Rootless podman works too.</content></entry>""";
        server.Documents["/feed.xml"] = ("application/atom+xml", Atom.Replace("</feed>", Podman + "</feed>", StringComparison.Ordinal));
        // The loop may not have started its wait yet when the clock moves: keep moving it until the refresh comes.
        await Eventually.UntilAsync(
            () =>
            {
                if (service.Refreshes < 2)
                {
                    time.Advance(TimeSpan.FromHours(1));
                }

                return service.Refreshes >= 2;
            },
            "a second refresh after the interval");
        Assert.Equal(folderPosts + 2, assistant.PostCount);

        await service.StopAsync(CancellationToken.None);
        service.Dispose();
    }
}
