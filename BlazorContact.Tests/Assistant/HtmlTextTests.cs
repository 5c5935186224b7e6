using BlazorContact.Core.Assistant;

namespace BlazorContact.Tests.Assistant;

public sealed class HtmlTextTests
{
    [Fact]
    public void Headings_paragraphs_and_lists_become_Markdown()
    {
        var markdown = HtmlText.ToMarkdown("""
            <h1>Title</h1><p>First   paragraph
            over two lines.</p>
            <h2>Install</h2>
            <ul><li>one</li><li>two &amp; three</li></ul>
            """);

        Assert.Equal("# Title\n\nFirst paragraph over two lines.\n\n## Install\n\n- one\n- two & three", markdown);
    }

    [Fact]
    public void Pre_blocks_stay_verbatim_inside_a_fence()
    {
        var markdown = HtmlText.ToMarkdown("<p>Add this:</p><pre><code class=\"language-csharp\">if (a &lt; b)\n{\n    logger.LogInformation(\"x\");\n}</code></pre>");

        Assert.Equal("Add this:\n\n```\nif (a < b)\n{\n    logger.LogInformation(\"x\");\n}\n```", markdown);
    }

    [Fact]
    public void Scripts_styles_comments_and_page_chrome_are_dropped()
    {
        var markdown = HtmlText.ToMarkdown("""
            <html><head><title>T</title><style>p { color: red }</style></head>
            <body><nav><a href="/">Home</a> <a href="/archive">Archive</a></nav>
            <!-- <p>hidden</p> -->
            <script>if (a < b) document.write("<p>no</p>");</script>
            <p>Kept.</p>
            <footer><p>© me</p></footer></body></html>
            """);

        Assert.Equal("Kept.", markdown);
    }

    [Fact]
    public void Only_the_article_is_read_when_the_page_has_one()
    {
        var markdown = HtmlText.ToMarkdown("<div class=sidebar>Popular posts</div><article><h1>Post</h1><p>Body</p></article><div>Comments</div>");

        Assert.Equal("# Post\n\nBody", markdown);
    }

    [Fact]
    public void Inline_code_keeps_its_spelling()
    {
        var markdown = HtmlText.ToMarkdown("<p>Inject <code>ILogger&lt;T&gt;</code> and set <code>Contact__Max_Length</code>.</p>");

        Assert.Equal("Inject `ILogger<T>` and set `Contact__Max_Length`.", markdown);
        Assert.Equal("Inject ILogger<T> and set Contact__Max_Length.", Assert.Single(PassageSplitter.Split(new MarkdownPost("T", "/t", null, [], markdown))).Text);
    }

    [Theory]
    [InlineData("<p>a < b and <b>bold</p>", "a < b and bold")]
    [InlineData("<p>unclosed <a href='x", "unclosed")]
    [InlineData("<p>text<!-- never closed", "text")]
    [InlineData("<p># of users</p>", "\u200B# of users")]
    [InlineData("", "")]
    public void Malformed_html_never_throws(string html, string expected) =>
        Assert.Equal(expected, HtmlText.ToMarkdown(html));
}
