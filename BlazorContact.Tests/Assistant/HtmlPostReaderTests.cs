using BlazorContact.Core.Assistant;

namespace BlazorContact.Tests.Assistant;

public sealed class HtmlPostReaderTests
{
    [Fact]
    public void Title_url_date_and_tags_come_from_the_head()
    {
        var post = HtmlPostReader.Parse("backup", """
            <!DOCTYPE html>
            <html><head>
              <title>Backing up   the database</title>
              <link rel="canonical" href="https://blog.example.com/posts/backup/">
              <meta property="og:url" content="https://other.example.com/x">
              <meta property="article:published_time" content="2026-11-30T10:00:00Z">
              <meta name="keywords" content="backup, SQLite，备份">
            </head><body><h1>Ignored for the title</h1><p>Copy the file.</p></body></html>
            """);

        Assert.Equal("Backing up the database", post.Title);
        Assert.Equal("https://blog.example.com/posts/backup/", post.Url);
        Assert.Equal(new DateOnly(2026, 11, 30), post.Date);
        Assert.Equal(["backup", "SQLite", "备份"], post.Tags);
        Assert.Contains("Copy the file.", post.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_title_or_canonical_the_first_h1_and_og_url_are_used()
    {
        var post = HtmlPostReader.Parse("x", "<meta property='og:url' content='https://b.example/p'><h1>首个标题</h1><p>正文</p>");

        Assert.Equal("首个标题", post.Title);
        Assert.Equal("https://b.example/p", post.Url);
    }

    [Fact]
    public void Without_any_url_the_file_name_gives_one()
    {
        var post = HtmlPostReader.Parse("my-post", "<p>Only text</p>");

        Assert.Equal("my-post", post.Title);
        Assert.Equal("/posts/my-post", post.Url);
        Assert.Null(post.Date);
        Assert.Empty(post.Tags);
    }

    [Fact]
    public void An_html_post_is_split_by_headings_with_code_blocks_whole()
    {
        var post = HtmlPostReader.Parse("p", """
            <title>Logging</title>
            <h2>Setup</h2><p>Register the logger:</p>
            <pre>builder.Logging.AddConsole();

            var log = app.Services.GetRequiredService&lt;ILogger&lt;Program&gt;&gt;();</pre>
            <h2>Levels</h2><p>Use Information for events.</p>
            """);

        var passages = PassageSplitter.Split(post);

        Assert.Equal(2, passages.Count);
        Assert.Equal("Setup", passages[0].Heading);
        Assert.Equal("Register the logger:\nbuilder.Logging.AddConsole();\n\nvar log = app.Services.GetRequiredService<ILogger<Program>>();", passages[0].Text);
        Assert.Equal("Levels", passages[1].Heading);
    }

    [Fact]
    public void The_content_folder_reads_html_and_htm_files_beside_markdown()
    {
        var folder = Directory.CreateTempSubdirectory("posts-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "a.md"), "---\ntitle: A\n---\nText");
            File.WriteAllText(Path.Combine(folder.FullName, "b.html"), "<title>B</title><p>Text</p>");
            File.WriteAllText(Path.Combine(folder.FullName, "c.HTM"), "<title>C</title><p>Text</p>");
            File.WriteAllText(Path.Combine(folder.FullName, "d.html.bak"), "<title>D</title>");

            var posts = PostFolder.Load(folder.FullName);

            Assert.Equal(["A", "B", "C"], posts.Select(post => post.Title));
            Assert.Equal("/posts/c", posts[2].Url);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
