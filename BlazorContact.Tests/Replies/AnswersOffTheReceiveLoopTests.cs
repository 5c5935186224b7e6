using System.Text.Json;
using BlazorContact.Tests.Assistant.Llm;
using BlazorContact.Tests.Support;

namespace BlazorContact.Tests.Replies;

/// <summary>
/// The assistant answers off the connection's receive loop: while an answer is being written the
/// connection keeps reading, answers pings and acknowledges further messages; replies still come after
/// their acks, in the order of the questions.
/// </summary>
public sealed class AnswersOffTheReceiveLoopTests
{
    private const string OnTopic = "怎么把聊天窗口嵌入我的博客？";

    /// <summary>The JS widget declares a socket dead after 20 s without a pong (contact-widget.js).</summary>
    private static readonly TimeSpan WidgetPongTimeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Pings_are_answered_while_a_model_takes_longer_than_the_widgets_pong_timeout()
    {
        await using var model = await FakeChatCompletionsServer.StartAsync();
        model.Behaviour = FakeModelBehaviour.Hang;
        var modelTimeout = WidgetPongTimeout + TimeSpan.FromSeconds(2);
        await using var server = await ContactServer.StartAsync(new Dictionary<string, string?>
        {
            ["Assistant:Provider"] = "OpenAI",
            ["Assistant:OpenAI:Endpoint"] = model.Endpoint,
            ["Assistant:OpenAI:Model"] = "fake-model",
            ["Assistant:OpenAI:Timeout"] = modelTimeout.ToString(),
        });
        await using var client = await server.ConnectAsync();

        await client.SendChatAsync(OnTopic, "slow-1");
        await client.ExpectAsync("chat_message_received");
        await WaitUntilAsync(() => !model.Requests.IsEmpty);

        // A ping every 2 s for longer than the widget waits: each pong comes back before the answer does.
        var started = DateTimeOffset.UtcNow;
        var pongs = 0;
        while (DateTimeOffset.UtcNow - started < WidgetPongTimeout)
        {
            await client.SendAsync(new { type = "ping", timestamp = DateTimeOffset.UtcNow.ToString("O") });
            var pong = await client.ReceiveAsync(TimeSpan.FromSeconds(5));
            Assert.Equal("pong", Type(pong));
            pongs++;
            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        // The model never answered: the built-in answer arrives once the model's time is up.
        var reply = await client.ExpectAsync("chat_message", TimeSpan.FromSeconds(30));
        Assert.Equal("assistant", reply.GetProperty("sender").GetString());
        Assert.Contains("/posts/embed-chat-widget", reply.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.True(pongs >= 10, $"only {pongs} pongs");
    }

    [Fact]
    public async Task A_message_sent_while_the_previous_one_is_being_answered_is_acknowledged_at_once()
    {
        await using var model = await FakeChatCompletionsServer.StartAsync();
        model.Behaviour = FakeModelBehaviour.Hang;
        await using var server = await ContactServer.StartAsync(new Dictionary<string, string?>
        {
            ["Assistant:Provider"] = "OpenAI",
            ["Assistant:OpenAI:Endpoint"] = model.Endpoint,
            ["Assistant:OpenAI:Model"] = "fake-model",
            ["Assistant:OpenAI:Timeout"] = "00:00:03",
        });
        await using var client = await server.ConnectAsync();

        await client.SendChatAsync(OnTopic, "first");
        var firstAck = (await client.ExpectAsync("chat_message_received")).GetProperty("message_id").GetInt64();
        await WaitUntilAsync(() => !model.Requests.IsEmpty);
        await client.SendChatAsync("Which port does the server listen on?", "second");

        // Before, the second ack waited behind the first answer; now it comes first.
        var next = await client.ReceiveAsync();
        Assert.Equal("chat_message_received", Type(next));
        Assert.Equal("second", next.GetProperty("client_message_id").GetString());
        var secondAck = next.GetProperty("message_id").GetInt64();

        // Replies follow in the order of the questions.
        var one = await client.ExpectAsync("chat_message", TimeSpan.FromSeconds(15));
        var two = await client.ExpectAsync("chat_message", TimeSpan.FromSeconds(15));
        Assert.Equal(firstAck, one.GetProperty("reply_to").GetInt64());
        Assert.Equal(secondAck, two.GetProperty("reply_to").GetInt64());
    }

    [Fact]
    public async Task Replies_to_a_burst_of_questions_follow_their_acks_in_question_order()
    {
        await using var server = await ContactServer.StartAsync();
        await using var client = await server.ConnectAsync();
        string[] questions = ["怎么把聊天窗口嵌入我的博客？", "Which port does the server listen on?", "How do I run the tests?", "消息会丢吗？", "hello"];

        foreach (var (question, i) in questions.Select((q, i) => (q, i)))
        {
            await client.SendChatAsync(question, $"burst-{i}");
        }

        var acked = new List<long>();
        var answered = new List<long>();
        while (answered.Count < questions.Length)
        {
            var message = await client.ReceiveAsync();
            switch (Type(message))
            {
                case "chat_message_received":
                    acked.Add(message.GetProperty("message_id").GetInt64());
                    break;
                case "chat_message":
                    var replyTo = message.GetProperty("reply_to").GetInt64();
                    Assert.Contains(replyTo, acked);
                    answered.Add(replyTo);
                    break;
                default:
                    Assert.Fail($"unexpected {message}");
                    break;
            }
        }

        Assert.Equal(acked, answered);
    }

    private static string? Type(JsonElement message) => message.GetProperty("type").GetString();

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
