using BlazorContact.Core.Assistant;

namespace BlazorContact.Tests.Assistant;

public sealed class MarkdownPostLoaderTests
{
    [Fact]
    public void Reads_title_url_date_and_inline_tags_from_front_matter()
    {
        const string text = """
            ---
            title: "Deploying: nginx and \"wss\""
            url: /posts/deploy
            date: 2026-11-21
            tags: [nginx, "TLS, wss", 部署]
            ---
            Body text.
            """;

        var post = MarkdownPostLoader.Parse("deploy-file", text);

        Assert.Equal("Deploying: nginx and \"wss\"", post.Title);
        Assert.Equal("/posts/deploy", post.Url);
        Assert.Equal(new DateOnly(2026, 11, 21), post.Date);
        Assert.Equal(["nginx", "TLS, wss", "部署"], post.Tags);
        Assert.Equal("Body text.", post.Body.Trim());
    }

    [Fact]
    public void Reads_tags_written_as_a_dash_list()
    {
        const string text = """
            ---
            title: 'It''s a list'
            tags:
              - deploy
              - '生产环境'
            # a comment line
            url: /x
            ---
            """;

        var post = MarkdownPostLoader.Parse("list", text);

        Assert.Equal("It's a list", post.Title);
        Assert.Equal(["deploy", "生产环境"], post.Tags);
        Assert.Equal("/x", post.Url);
    }

    [Fact]
    public void A_post_without_url_is_served_under_posts_and_its_file_name()
    {
        var post = MarkdownPostLoader.Parse("embed-widget", "---\ntitle: Embedding\n---\nText");

        Assert.Equal("/posts/embed-widget", post.Url);
        Assert.Empty(post.Tags);
        Assert.Null(post.Date);
    }

    [Fact]
    public void A_post_without_front_matter_takes_its_title_from_the_first_heading()
    {
        var post = MarkdownPostLoader.Parse("notes", "Intro line\n\n# Real title\n\nText");

        Assert.Equal("Real title", post.Title);
        Assert.Equal("/posts/notes", post.Url);
        Assert.StartsWith("Intro line", post.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Windows_line_endings_and_a_byte_order_mark_are_accepted()
    {
        var post = MarkdownPostLoader.Parse("crlf", "\uFEFF---\r\ntitle: CRLF # trailing comment\r\nurl: /crlf\r\n---\r\nBody");

        Assert.Equal("CRLF", post.Title);
        Assert.Equal("/crlf", post.Url);
    }

    [Fact]
    public void Front_matter_that_is_not_valid_YAML_leaves_the_defaults_and_the_post_still_loads()
    {
        var post = MarkdownPostLoader.Parse("broken", "---\ntitle: Deploying: nginx\ntags: [a, b\n---\n# Deploying\n\nText");

        Assert.Equal("Deploying", post.Title);
        Assert.Equal("/posts/broken", post.Url);
        Assert.Empty(post.Tags);
        Assert.Equal("# Deploying\n\nText", post.Body);
    }

    [Fact]
    public void A_single_tag_and_empty_values_read_as_a_one_item_list_and_as_unset()
    {
        var post = MarkdownPostLoader.Parse("one-tag", "---\ntitle:\ntags: nginx\n---\nText");

        Assert.Equal(["nginx"], post.Tags);
        Assert.Equal("one-tag", post.Title);
    }

    [Fact]
    public void The_title_heading_is_never_a_comment_inside_a_code_block()
    {
        var post = MarkdownPostLoader.Parse("shell", "```bash\n# install\napt-get install nginx\n```\n\n# Installing nginx **fast**\n");

        Assert.Equal("Installing nginx fast", post.Title);
    }

    [Fact]
    public void Loads_every_markdown_file_below_the_folder()
    {
        var folder = Directory.CreateTempSubdirectory("posts-");
        try
        {
            Directory.CreateDirectory(Path.Combine(folder.FullName, "2026"));
            File.WriteAllText(Path.Combine(folder.FullName, "a.md"), "---\ntitle: A\n---\nText");
            File.WriteAllText(Path.Combine(folder.FullName, "2026", "b.md"), "---\ntitle: B\n---\nText");
            File.WriteAllText(Path.Combine(folder.FullName, "notes.txt"), "not a post");

            var posts = PostFolder.Load(folder.FullName);

            Assert.Equal(["/posts/a", "/posts/b"], posts.Select(p => p.Url).Order(StringComparer.Ordinal));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
