using System.Text.Json;
using BlazorContact.Core.Assistant;
using BlazorContact.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BlazorContact.Tests.Assistant.Llm;

/// <summary>The real app with <c>Assistant:Provider=OpenAI</c>, against a stand-in chat-completions server on 127.0.0.1.</summary>
public sealed class LlmAssistantTests
{
    private const string Question = "怎么把聊天窗口嵌入我的博客？";
    private const string OffTopic = "What is the capital of France and who won the football world cup?";

    private static async Task<ContactServer> StartServerAsync(FakeChatCompletionsServer model, params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Assistant:Provider"] = "OpenAI",
            ["Assistant:OpenAI:Endpoint"] = model.Endpoint,
            ["Assistant:OpenAI:Model"] = "fake-model",
            ["Assistant:OpenAI:ApiKey"] = "sk-test",
            ["Assistant:OpenAI:Timeout"] = "00:00:05",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return await ContactServer.StartAsync(settings);
    }

    /// <summary>What the built-in assistant answers, i.e. the fallback.</summary>
    private static async Task<string> BuiltInAnswerAsync(string question)
    {
        using var builtIn = new KnowledgeBaseAssistant(
            Options.Create(new AssistantOptions { ContentPath = SamplePosts.Folder }), NullLogger<KnowledgeBaseAssistant>.Instance, TimeProvider.System);
        return (await builtIn.AnswerAsync(new AssistantQuestion("c", question), CancellationToken.None)).Text;
    }

    private static IReadOnlyList<RetrievedPassage> Retrieve(string question)
    {
        using var builtIn = new KnowledgeBaseAssistant(
            Options.Create(new AssistantOptions { ContentPath = SamplePosts.Folder }), NullLogger<KnowledgeBaseAssistant>.Instance, TimeProvider.System);
        return builtIn.Retrieve(question, 4);
    }

    private static Task SendStreamingChatAsync(ContactClient client, string message) =>
        client.SendChatAsync(message, Guid.NewGuid().ToString("N"), stream: true);

    private static string AllText(JsonElement request) =>
        string.Join("\n", request.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("content").ToString()));

    [Fact]
    public async Task The_prompt_carries_the_system_prompt_the_retrieved_passages_and_the_recent_history()
    {
        await using var model = await FakeChatCompletionsServer.StartAsync();
        await using var server = await StartServerAsync(model, ("Assistant:OpenAI:SystemPrompt", "Only use the passages. Cite urls."));
        await using var client = await server.ConnectAsync();

        // The guide's flow: ack, then the reply, nothing in between.
        var (_, first) = await client.ChatAsync(Question);
        var (_, second) = await client.ChatAsync(Question + "?");

        Assert.Equal(model.Answer, first.GetProperty("message").GetString());
        Assert.Equal("assistant", first.GetProperty("sender").GetString());
        Assert.Equal(model.Answer, second.GetProperty("message").GetString());
        var requests = model.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        var messages = requests[0].GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal("system", messages[0].GetProperty("role").GetString());
        Assert.Equal("Only use the passages. Cite urls.", messages[0].GetProperty("content").GetString());
        Assert.Equal("fake-model", requests[0].GetProperty("model").GetString());
        var passages = Retrieve(Question);
        Assert.NotEmpty(passages);
        var prompt = AllText(requests[0]);
        Assert.Contains(passages[0].Title, prompt, StringComparison.Ordinal);
        Assert.Contains(passages[0].Url, prompt, StringComparison.Ordinal);
        Assert.Contains(passages[0].Text[..40], prompt, StringComparison.Ordinal);
        Assert.Contains(Question, messages[^1].GetProperty("content").GetString(), StringComparison.Ordinal);

        // The second question sees the first exchange as history.
        var history = requests[1].GetProperty("messages").EnumerateArray().ToList();
        Assert.Contains(history, m => m.GetProperty("role").GetString() == "user" && m.GetProperty("content").GetString() == Question);
        Assert.Contains(history, m => m.GetProperty("role").GetString() == "assistant" && m.GetProperty("content").GetString() == model.Answer);
    }

    [Fact]
    public async Task A_streaming_client_gets_the_deltas_in_order_then_the_complete_stored_message()
    {
        await using var model = await FakeChatCompletionsServer.StartAsync();
        await using var server = await StartServerAsync(model);
        await using var client = await server.ConnectAsync();

        await SendStreamingChatAsync(client, Question);
        var ack = await client.ExpectAsync("chat_message_received");
        var deltas = new List<string>();
        JsonElement message;
        while ((message = await client.ReceiveAsync()).GetProperty("type").GetString() == "chat_message_delta")
        {
            Assert.Equal(ack.GetProperty("message_id").GetInt64(), message.GetProperty("reply_to").GetInt64());
            Assert.Empty(ServerMessageProblems.Of(message));
            deltas.Add(message.GetProperty("delta").GetString()!);
        }

        Assert.Equal("chat_message", message.GetProperty("type").GetString());
        Assert.Equal(model.Pieces, deltas);
        Assert.Equal(string.Concat(deltas), message.GetProperty("message").GetString());
        Assert.Equal(ack.GetProperty("message_id").GetInt64(), message.GetProperty("reply_to").GetInt64());
        Assert.True(model.Requests.Single().GetProperty("stream").GetBoolean());
    }

    [Theory]
    [InlineData(FakeModelBehaviour.Hang, false)]
    [InlineData(FakeModelBehaviour.Hang, true)]
    [InlineData(FakeModelBehaviour.ServerError, false)]
    [InlineData(FakeModelBehaviour.ServerError, true)]
    [InlineData(FakeModelBehaviour.Malformed, false)]
    [InlineData(FakeModelBehaviour.Malformed, true)]
    public async Task A_model_that_hangs_fails_or_talks_nonsense_is_replaced_by_the_built_in_answer(FakeModelBehaviour behaviour, bool stream)
    {
        await using var model = await FakeChatCompletionsServer.StartAsync();
        model.Behaviour = behaviour;
        await using var server = await StartServerAsync(model, ("Assistant:OpenAI:Timeout", "00:00:01"));
        await using var client = await server.ConnectAsync();

        JsonElement reply;
        if (stream)
        {
            await SendStreamingChatAsync(client, Question);
            await client.ExpectAsync("chat_message_received");
            reply = await client.ExpectAsync("chat_message");
        }
        else
        {
            (_, reply) = await client.ChatAsync(Question);
        }

        Assert.Equal(await BuiltInAnswerAsync(Question), reply.GetProperty("message").GetString());
        Assert.Single(model.Requests);
    }

    [Fact]
    public async Task After_the_per_visitor_limit_the_built_in_answer_is_sent_and_the_model_is_not_called()
    {
        await using var model = await FakeChatCompletionsServer.StartAsync();
        await using var server = await StartServerAsync(model, ("Assistant:OpenAI:MaxRepliesPerVisitor", "2"));
        await using var client = await server.ConnectAsync();
        await using var other = await server.ConnectAsync();

        var (_, first) = await client.ChatAsync(Question);
        var (_, second) = await client.ChatAsync(Question + "?");
        var (_, third) = await client.ChatAsync(Question + "??");
        var (_, otherVisitor) = await other.ChatAsync(Question);

        Assert.Equal(model.Answer, first.GetProperty("message").GetString());
        Assert.Equal(model.Answer, second.GetProperty("message").GetString());
        Assert.Equal(await BuiltInAnswerAsync(Question + "??"), third.GetProperty("message").GetString());
        Assert.Equal(model.Answer, otherVisitor.GetProperty("message").GetString());
        Assert.Equal(3, model.Requests.Count);
    }

    [Fact]
    public async Task After_the_daily_limit_every_visitor_gets_the_built_in_answer()
    {
        await using var model = await FakeChatCompletionsServer.StartAsync();
        await using var server = await StartServerAsync(model, ("Assistant:OpenAI:MaxRepliesPerDay", "1"));
        await using var first = await server.ConnectAsync();
        await using var second = await server.ConnectAsync();

        var (_, llm) = await first.ChatAsync(Question);
        var (_, builtIn) = await second.ChatAsync(Question);

        Assert.Equal(model.Answer, llm.GetProperty("message").GetString());
        Assert.Equal(await BuiltInAnswerAsync(Question), builtIn.GetProperty("message").GetString());
        Assert.Single(model.Requests);
    }

    [Fact]
    public async Task A_question_the_posts_do_not_cover_never_reaches_the_model()
    {
        await using var model = await FakeChatCompletionsServer.StartAsync();
        await using var server = await StartServerAsync(model);
        await using var client = await server.ConnectAsync();

        var (_, reply) = await client.ChatAsync(OffTopic);

        Assert.Equal(await BuiltInAnswerAsync(OffTopic), reply.GetProperty("message").GetString());
        Assert.Empty(model.Requests);
    }

    [Fact]
    public async Task A_streaming_request_to_the_built_in_assistant_gets_no_deltas()
    {
        await using var server = await ContactServer.StartAsync();
        await using var client = await server.ConnectAsync();

        await SendStreamingChatAsync(client, Question);
        await client.ExpectAsync("chat_message_received");
        var reply = await client.ExpectAsync("chat_message");

        Assert.Equal(await BuiltInAnswerAsync(Question), reply.GetProperty("message").GetString());
    }
}
