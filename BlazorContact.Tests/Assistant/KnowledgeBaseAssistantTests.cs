using BlazorContact.Core.Assistant;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BlazorContact.Tests.Assistant;

/// <summary>The assistant over the real sample posts, asked what visitors ask.</summary>
public sealed class KnowledgeBaseAssistantTests : IDisposable
{
    private readonly KnowledgeBaseAssistant assistant = new(
        Options.Create(new AssistantOptions { ContentPath = SamplePosts.Folder }),
        NullLogger<KnowledgeBaseAssistant>.Instance,
        TimeProvider.System);

    public void Dispose() => assistant.Dispose();

    private Task<AssistantAnswer> Ask(string question) =>
        assistant.AnswerAsync(new AssistantQuestion("conversation-1", question), CancellationToken.None).AsTask();

    [Fact]
    public void Indexes_all_sample_posts_at_construction()
    {
        Assert.Equal(6, assistant.PostCount);
        Assert.True(assistant.PassageCount > assistant.PostCount);
        Assert.Equal(1, assistant.Version);
    }

    [Fact]
    public async Task Chinese_question_finds_the_embedding_post()
    {
        var answer = await Ask("怎么把聊天窗口嵌入我的博客？");

        Assert.True(answer.Found);
        Assert.Equal("/posts/embed-chat-widget", answer.Sources[0].Url);
        Assert.StartsWith("根据《怎么把聊天窗口嵌入你的博客》：\n", answer.Text, StringComparison.Ordinal);
        Assert.Contains("contact-widget.js", answer.Text, StringComparison.Ordinal);
        Assert.Contains("\n\n原文：/posts/embed-chat-widget", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chinese_question_about_production_finds_the_deployment_post()
    {
        var answer = await Ask("如何部署到生产环境？");

        Assert.True(answer.Found);
        Assert.Equal("/posts/deploy-nginx-systemd", answer.Sources[0].Url);
        Assert.Contains("原文：/posts/deploy-nginx-systemd", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task English_question_finds_the_configuration_post_in_English()
    {
        var answer = await Ask("How do I configure the maximum message length?");

        Assert.True(answer.Found);
        Assert.Equal("/posts/configuration", answer.Sources[0].Url);
        Assert.StartsWith("From \"Configuration reference: every BlazorContact setting\":\n", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Contact:MaxMessageLength (default 4000)", answer.Text, StringComparison.Ordinal);
        Assert.Contains("\n\nRead more: /posts/configuration", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("能介绍一下使用的技术栈吗？")]
    [InlineData("你好，这个博客系统是怎么搭建的？")]
    public async Task Questions_from_the_users_guide_find_the_architecture_post(string question)
    {
        var answer = await Ask(question);

        Assert.True(answer.Found);
        Assert.Equal("/posts/architecture", answer.Sources[0].Url);
        Assert.Contains("技术栈", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("How do I resume a session after reconnecting?", "/posts/websocket-protocol")]
    [InlineData("What error codes can the server send?", "/posts/websocket-protocol")]
    [InlineData("How does logging work?", "/posts/websocket-protocol")]
    [InlineData("Hugo 博客怎么加聊天按钮？", "/posts/embed-chat-widget")]
    [InlineData("nginx 怎么配置 wss？", "/posts/deploy-nginx-systemd")]
    [InlineData("消息最长可以多少字？", "/posts/configuration")]
    [InlineData("How do I deploy to production?", "/posts/deploy-nginx-systemd")]
    public async Task Other_questions_find_the_post_that_answers_them(string question, string url)
    {
        var answer = await Ask(question);

        Assert.True(answer.Found);
        Assert.Equal(url, answer.Sources[0].Url);
    }

    [Theory]
    [InlineData("今天天气怎么样？")]
    [InlineData("比特币价格是多少？")]
    [InlineData("推荐一部好看的电影")]
    [InlineData("你好")]
    public async Task Off_topic_Chinese_questions_are_offered_to_the_owner(string question)
    {
        var answer = await Ask(question);

        Assert.False(answer.Found);
        Assert.Empty(answer.Sources);
        Assert.Equal(AnswerText.NotFoundChinese, answer.Text);
        Assert.Contains("回复“是”", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("what's the price of bitcoin?")]
    [InlineData("How do I install Windows 11?")]
    [InlineData("hello")]
    [InlineData("?!")]
    public async Task Off_topic_English_questions_are_offered_to_the_owner(string question)
    {
        var answer = await Ask(question);

        Assert.False(answer.Found);
        Assert.Empty(answer.Sources);
        Assert.Equal(AnswerText.NotFoundEnglish, answer.Text);
        Assert.Contains("Reply \"yes\"", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_relevant_post_is_suggested_as_see_also()
    {
        var answer = await Ask("博客怎么接入这个聊天系统");

        Assert.True(answer.Found);
        Assert.Equal(2, answer.Sources.Count);
        Assert.NotEqual(answer.Sources[0].Url, answer.Sources[1].Url);
        Assert.EndsWith($"\n另见：《{answer.Sources[1].Title}》 {answer.Sources[1].Url}", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answers_are_trimmed_to_a_readable_length()
    {
        string[] questions = ["如何部署到生产环境？", "nginx 怎么配置 wss？", "How do I resume a session after reconnecting?", "What error codes can the server send?"];

        foreach (var question in questions)
        {
            var answer = await Ask(question);
            var passage = answer.Text.Split("\n\n")[0];
            Assert.InRange(passage.Length, 1, AnswerText.MaxExcerptLength * 5 / 4 + 80);
        }
    }

    [Fact]
    public async Task A_cancelled_request_is_not_answered()
    {
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            assistant.AnswerAsync(new AssistantQuestion("c", "nginx"), new CancellationToken(canceled: true)).AsTask());
    }
}
