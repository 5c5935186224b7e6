using BlazorContact.Core.Assistant;

namespace BlazorContact.Tests.Assistant;

public sealed class PassageSplitterTests
{
    private static List<Passage> Split(string body) =>
        PassageSplitter.Split(new MarkdownPost("Title", "/posts/t", null, ["tag"], body));

    [Fact]
    public void Each_heading_starts_a_passage_that_remembers_the_post_and_heading_path()
    {
        var passages = Split("Intro.\n\n## Install\n\nRun it.\n\n### On Linux\n\nUse systemd.\n\n## Use\n\nAsk.");

        Assert.Equal([null, "Install", "Install › On Linux", "Use"], passages.Select(p => p.Heading));
        Assert.Equal(["Intro.", "Run it.", "Use systemd.", "Ask."], passages.Select(p => p.Text));
        Assert.All(passages, p => Assert.Equal(("Title", "/posts/t"), (p.PostTitle, p.PostUrl)));
    }

    [Fact]
    public void A_fenced_code_block_stays_whole_with_the_paragraph_that_introduces_it()
    {
        var passages = Split("""
            ## Embed

            Add this line:

            ```html
            <script src="https://HOST/contact-widget.js"

            async></script>
            ```

            Done.
            """);

        var passage = Assert.Single(passages);
        Assert.Equal("Add this line:\n<script src=\"https://HOST/contact-widget.js\"\n\nasync></script>\nDone.", passage.Text);
    }

    [Fact]
    public void Markdown_syntax_is_removed_but_code_text_is_kept()
    {
        var passages = Split("See **the** [guide](https://x.test/g) and _this_ ![logo](l.png): set `Contact__MaxMessageLength` or proxy_read_timeout.");

        Assert.Equal("See the guide and this logo: set Contact__MaxMessageLength or proxy_read_timeout.", Assert.Single(passages).Text);
    }

    [Fact]
    public void List_items_keep_their_lines_and_wrapped_prose_joins_up()
    {
        var passages = Split("A sentence\nwrapped here.\n* one\n* two\n\n中文句子\n接着写。");

        Assert.Equal(["A sentence wrapped here.\n- one\n- two\n中文句子接着写。"], passages.Select(p => p.Text));
    }

    [Fact]
    public void Ordered_items_keep_their_numbers_and_quotes_lose_their_markers()
    {
        var passages = Split("Steps:\n\n1. Stop the *service*.\n2. Copy `data.db`.\n\n> Check the ~~old~~ backup first.");

        Assert.Equal(["Steps:\n1. Stop the service.\n2. Copy data.db.\nCheck the old backup first."], passages.Select(p => p.Text));
    }

    [Fact]
    public void A_hash_line_inside_a_code_block_does_not_start_a_passage()
    {
        var passages = Split("## Install\n\nRun:\n\n~~~bash\n# as root\napt-get install nginx\n~~~");

        var passage = Assert.Single(passages);
        Assert.Equal("Install", passage.Heading);
        Assert.Equal("Run:\n# as root\napt-get install nginx", passage.Text);
    }

    [Fact]
    public void Long_sections_are_cut_between_paragraphs()
    {
        var paragraph = new string('x', 300) + ".";
        var passages = Split($"## Long\n\n{paragraph}\n\n{paragraph}\n\n{paragraph}");

        Assert.Equal(3, passages.Count);
        Assert.All(passages, p => Assert.Equal("Long", p.Heading));
    }
}
