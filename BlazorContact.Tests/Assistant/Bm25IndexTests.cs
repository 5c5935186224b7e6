using BlazorContact.Core.Assistant;

namespace BlazorContact.Tests.Assistant;

public sealed class Bm25IndexTests
{
    private static Passage Passage(string text, string title = "Notes", string[]? tags = null) =>
        new(title, "/posts/" + title.ToLowerInvariant(), null, text, tags ?? []);

    private static List<Bm25Hit> Search(Bm25Index index, string query) => index.Search(Tokenizer.Tokenize(query), 10);

    [Fact]
    public void The_passage_sharing_the_rarest_words_ranks_first()
    {
        var index = new Bm25Index(
        [
            Passage("The server writes messages to SQLite."),
            Passage("Put nginx in front of the server and forward the Upgrade header."),
            Passage("The server sends a pong for every ping."),
        ]);

        var hits = Search(index, "How do I configure nginx upgrade headers?");

        Assert.Equal("Put nginx in front of the server and forward the Upgrade header.", hits[0].Passage.Text);
        Assert.Equal(["header", "nginx", "upgrad"], hits[0].MatchedTerms.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Passages_without_any_query_term_are_not_returned()
    {
        var index = new Bm25Index([Passage("alpha beta"), Passage("gamma delta")]);

        var hit = Assert.Single(Search(index, "beta"));
        Assert.Equal("alpha beta", hit.Passage.Text);
    }

    [Fact]
    public void A_short_passage_beats_a_long_one_with_the_same_match()
    {
        var filler = string.Join(' ', Enumerable.Range(0, 60).Select(i => "word" + i));
        var index = new Bm25Index([Passage($"deploy {filler}"), Passage("deploy it"), Passage("other text")]);

        var hits = Search(index, "deploy");

        Assert.Equal("deploy it", hits[0].Passage.Text);
        Assert.True(hits[0].Score > hits[1].Score);
    }

    [Fact]
    public void A_title_match_lifts_a_post_above_one_that_only_mentions_the_word()
    {
        var index = new Bm25Index(
        [
            Passage("Mentions backups once among other things.", title: "Changelog"),
            Passage("Use the sqlite3 command while the server runs.", title: "Backups"),
            Passage("Unrelated text.", title: "Misc"),
        ]);

        Assert.Equal("Backups", Search(index, "backups")[0].Passage.PostTitle);
    }

    [Fact]
    public void Tags_count_as_matches()
    {
        var index = new Bm25Index(
        [
            Passage("反向代理的配置。", title: "部署", tags: ["nginx", "deploy"]),
            Passage("Something else.", title: "Other"),
        ]);

        var hit = Assert.Single(Search(index, "deploy behind nginx"));
        Assert.Equal("部署", hit.Passage.PostTitle);
    }

    [Fact]
    public void The_text_decides_between_passages_of_the_same_post()
    {
        var index = new Bm25Index(
        [
            Passage("Install the runtime first.", title: "Deploying to production"),
            Passage("Production needs TLS: deploy behind nginx.", title: "Deploying to production"),
            Passage("Unrelated.", title: "Other"),
        ]);

        Assert.Equal("Production needs TLS: deploy behind nginx.", Search(index, "deploy to production")[0].Passage.Text);
    }

    [Fact]
    public void An_empty_index_finds_nothing()
    {
        Assert.Empty(new Bm25Index([]).Search(["anything"], 5));
    }
}
