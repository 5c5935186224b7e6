using BlazorContact.Core.Assistant;

namespace BlazorContact.Tests.Assistant;

public sealed class ParsedQuestionTests
{
    [Fact]
    public void Bigrams_straddling_two_matched_words_cost_no_coverage()
    {
        var question = new ParsedQuestion("聊天窗口嵌入");

        Assert.Equal(1.0, question.Coverage(new HashSet<string> { "聊天", "窗口", "嵌入" }));
    }

    [Fact]
    public void Coverage_counts_words_and_chinese_characters()
    {
        // python (1 word) + 读取文件 (4 characters, 2 of them covered by 文件) = 3 of 5.
        var question = new ParsedQuestion("python 怎么读取文件");

        Assert.Equal(0.6, question.Coverage(new HashSet<string> { "python", "文件" }), precision: 6);
    }

    [Fact]
    public void A_question_without_terms_covers_nothing()
    {
        Assert.Equal(0, new ParsedQuestion("hello?").Coverage(new HashSet<string>()));
    }

    [Theory]
    [InlineData("如何部署？", true)]
    [InlineData("How do I deploy?", false)]
    [InlineData("nginx 配置", true)]
    public void The_answer_language_follows_the_question(string text, bool chinese)
    {
        Assert.Equal(chinese, new ParsedQuestion(text).IsChinese);
    }
}
