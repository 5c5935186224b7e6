using BlazorContact.Core.Assistant;

namespace BlazorContact.Tests.Assistant;

public sealed class AnswerTextTests
{
    private static readonly Passage Embed = new("嵌入聊天窗口", "/posts/embed", null, "加一行脚本。", []);
    private static readonly Passage Deploy = new("Deploying", "/posts/deploy", null, "Use nginx.", []);

    [Fact]
    public void Chinese_answer_quotes_the_post_and_links_it()
    {
        Assert.Equal("根据《嵌入聊天窗口》：\n加一行脚本。\n\n原文：/posts/embed", AnswerText.Found(chinese: true, Embed, seeAlso: null));
        Assert.Equal("根据《嵌入聊天窗口》：\n加一行脚本。\n\n原文：/posts/embed\n另见：《Deploying》 /posts/deploy", AnswerText.Found(chinese: true, Embed, Deploy));
    }

    [Fact]
    public void English_answer_quotes_the_post_and_links_it()
    {
        Assert.Equal("From \"Deploying\":\nUse nginx.\n\nRead more: /posts/deploy\nSee also: \"嵌入聊天窗口\" /posts/embed", AnswerText.Found(chinese: false, Deploy, Embed));
    }

    [Fact]
    public void Short_text_is_quoted_whole()
    {
        var text = new string('a', 450);

        Assert.Equal(text, AnswerText.Excerpt(text));
    }

    [Fact]
    public void Long_text_is_cut_after_the_last_sentence_that_fits()
    {
        var sentence = "This sentence is exactly fifty characters long ok. ";
        var text = string.Concat(Enumerable.Repeat(sentence, 12));

        var excerpt = AnswerText.Excerpt(text);

        Assert.Equal(string.Concat(Enumerable.Repeat(sentence, 7)).TrimEnd(), excerpt);
    }

    [Fact]
    public void Long_Chinese_text_is_cut_after_a_full_stop()
    {
        var text = string.Concat(Enumerable.Repeat("这是一个十个字的句子。", 60));

        var excerpt = AnswerText.Excerpt(text);

        Assert.EndsWith("。", excerpt, StringComparison.Ordinal);
        Assert.InRange(excerpt.Length, 200, AnswerText.MaxExcerptLength);
    }

    [Fact]
    public void Text_without_sentence_ends_is_cut_at_a_space_and_marked()
    {
        var text = string.Join(' ', Enumerable.Repeat("word", 200));

        var excerpt = AnswerText.Excerpt(text);

        Assert.EndsWith("word…", excerpt, StringComparison.Ordinal);
        Assert.True(excerpt.Length <= AnswerText.MaxExcerptLength + 1);
    }
}
