using System.Text.Json;
using BlazorContact.Tests.Assistant.Llm;
using BlazorContact.Tests.Support;
using Microsoft.Extensions.Time.Testing;

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

    private static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Pings_are_answered_while_a_model_takes_longer_than_the_widgets_pong_timeout()
    {
        await using var model = await FakeChatCompletionsServer.StartAsync();
        model.Behaviour = FakeModelBehaviour.Hang;
        var modelTimeout = WidgetPongTimeout + PingInterval;
        // The model's timeout runs on the server's clock: the test moves it instead of waiting 22 s.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await ContactServer.StartAsync(
            new Dictionary<string, string?>
            {
                ["Assistant:Provider"] = "OpenAI",
                ["Assistant:OpenAI:Endpoint"] = model.Endpoint,
                ["Assistant:OpenAI:Model"] = "fake-model",
                ["Assistant:OpenAI:Timeout"] = modelTimeout.ToString(),
            },
            time: time);
        await using var client = await server.ConnectAsync();

        await client.SendChatAsync(OnTopic, "slow-1");
        await client.ExpectAsync("chat_message_received");
        await Eventually.UntilAsync(() => !model.Requests.IsEmpty, "the model to be asked");

        // A ping every 2 s for as long as the widget waits: each pong comes back while the answer is pending.
        var pongs = 0;
        for (var elapsed = TimeSpan.Zero; elapsed < WidgetPongTimeout; elapsed += PingInterval)
        {
            await client.SendPingAsync();
            var pong = await client.ReceiveAsync(TimeSpan.FromSeconds(5));
            Assert.Equal("pong", Type(pong));
            pongs++;
            time.Advance(PingInterval);
        }

        // The model never answers: the built-in answer arrives once the model's time is up.
        time.Advance(modelTimeout - WidgetPongTimeout);
        var reply = await client.ExpectAsync("chat_message", TimeSpan.FromSeconds(30));
        Assert.Equal("assistant", reply.GetProperty("sender").GetString());
        Assert.Contains("/posts/embed-chat-widget", reply.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(10, pongs);
    }

    [Fact]
    public async Task A_message_sent_while_the_previous_one_is_being_answered_is_acknowledged_at_once()
    {
        await using var model = await FakeChatCompletionsServer.StartAsync();
        model.Behaviour = FakeModelBehaviour.Hang;
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await ContactServer.StartAsync(
            new Dictionary<string, string?>
            {
                ["Assistant:Provider"] = "OpenAI",
                ["Assistant:OpenAI:Endpoint"] = model.Endpoint,
                ["Assistant:OpenAI:Model"] = "fake-model",
                ["Assistant:OpenAI:Timeout"] = "00:00:03",
            },
            time: time);
        await using var client = await server.ConnectAsync();

        await client.SendChatAsync(OnTopic, "first");
        var firstAck = (await client.ExpectAsync("chat_message_received")).GetProperty("message_id").GetInt64();
        await Eventually.UntilAsync(() => !model.Requests.IsEmpty, "the model to be asked");
        await client.SendChatAsync("Which port does the server listen on?", "second");

        // Before, the second ack waited behind the first answer; now it comes first.
        var next = await client.ReceiveAsync();
        Assert.Equal("chat_message_received", Type(next));
        Assert.Equal("second", next.GetProperty("client_message_id").GetString());
        var secondAck = next.GetProperty("message_id").GetInt64();

        // Each model call hangs until its timeout on the server's clock: move the clock until both replies are in.
        var replies = ExpectRepliesAsync(client, count: 2);
        await Eventually.UntilAsync(
            () =>
            {
                if (!replies.IsCompleted)
                {
                    time.Advance(TimeSpan.FromSeconds(1));
                }

                return replies.IsCompleted;
            },
            "both replies");

        // Replies follow in the order of the questions.
        var one = (await replies)[0];
        var two = (await replies)[1];
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

    private static async Task<List<JsonElement>> ExpectRepliesAsync(ContactClient client, int count)
    {
        var replies = new List<JsonElement>();
        while (replies.Count < count)
        {
            replies.Add(await client.ExpectAsync("chat_message"));
        }

        return replies;
    }
}
