using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using BlazorContact.Core.Protocol;

namespace BlazorContact.Tests.Protocol;

public sealed class ServerMessageValidatorTests
{
    private static readonly DateTimeOffset Noon = new(2025, 1, 1, 12, 0, 0, 123, TimeSpan.Zero);

    /// <summary>One of every server message, with optional fields both present and absent.</summary>
    private static readonly ServerMessage[] Samples =
    [
        new ConnectionEstablished(ServerText.Chinese.ConnectionEstablished, Guid.NewGuid().ToString(), Noon, "dG9rZW4tdG9rZW4tdG9rZW4", Guid.NewGuid().ToString()),
        new ContactRequestReceived(ServerText.Chinese.ContactRequestReceived, Noon, 1),
        new ChatMessageReceived(ServerText.Chinese.ChatMessageReceived, Noon, 42, "c-1"),
        new ChatMessageReceived(ServerText.English.ChatMessageReceived, Noon, 42, null),
        new Resumed(ServerText.Chinese.Resumed, Noon, Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), 0),
        new Resumed(ServerText.Chinese.Resumed, Noon, Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), 3),
        new ChatReply("博客使用 .NET 与 Blazor 搭建。\n详见文章。", Noon, Senders.Assistant, 43, 42),
        new ChatReply("Hi, it's the owner", Noon.ToOffset(TimeSpan.FromHours(8)), Senders.Owner, 44, null),
        new ChatMessageDelta(Noon, 42, "博客使用"),
        new ChatMessageDelta(Noon, 42, " .NET"),
        new Pong(Noon),
        new Announcement("Back online after maintenance", Noon),
        new Announcement("", Noon),
        new History(Noon, Guid.NewGuid().ToString(), [], HasMore: false),
        new History(Noon, Guid.NewGuid().ToString(),
            [new HistoryEntry(1, Senders.Visitor, "你好", Noon, null, "c-1"), new HistoryEntry(2, Senders.Assistant, "您好", Noon, 1, null)], HasMore: true),
        .. ErrorCodes.All.Select(code => (ServerMessage)new ErrorMessage(
            ServerText.Chinese.Describe(new ProtocolError(code, "message", "detail"), 4000), code, Noon)),
    ];

    public static TheoryData<ServerMessage> EverythingTheWriterSends() => new(Samples);

    [Theory]
    [MemberData(nameof(EverythingTheWriterSends))]
    public void Every_message_the_writer_produces_is_valid(ServerMessage message)
    {
        var frame = ServerMessageWriter.Write(message);

        var problems = ServerMessageValidator.Validate(frame);

        Assert.True(problems.Count == 0, $"{Encoding.UTF8.GetString(frame)}: {string.Join("; ", problems)}");
    }

    [Fact]
    public void The_samples_cover_every_server_message_type()
    {
        var declared = typeof(ServerMessage).GetCustomAttributes<JsonDerivedTypeAttribute>().Select(a => a.DerivedType).ToHashSet();
        var sampled = Samples.Select(sample => sample.GetType()).ToHashSet();

        Assert.Equal(declared.OrderBy(t => t.Name), sampled.OrderBy(t => t.Name));
    }

    [Theory]
    [InlineData("""{"type":"pong","timestamp":"2025-01-01T12:00:00Z"}""")]
    [InlineData("""{"type":"pong","timestamp":"2025-01-01T20:00:00+08:00"}""")]
    [InlineData("""{"type":"pong","timestamp":"2025-01-01T12:00:00.123456-05:30"}""")]
    [InlineData("""{"type":"pong","timestamp":"2025-01-01T12:00:00.123Z","server":"v2","extra":[1,2]}""")]
    [InlineData("""{"type":"chat_message","message":"hi","timestamp":"2025-01-01T12:00:00.123+00:00","sender":"owner","message_id":7}""")]
    public void Valid_variants_and_unknown_extra_fields_are_accepted(string frame)
    {
        Assert.Empty(ServerMessageValidator.Validate(Encoding.UTF8.GetBytes(frame)));
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[1,2]", "must be a JSON object, not an array")]
    [InlineData("\"pong\"", "must be a JSON object, not a string")]
    [InlineData("""{"timestamp":"2025-01-01T12:00:00Z"}""", "'type' is missing")]
    [InlineData("""{"type":7,"timestamp":"2025-01-01T12:00:00Z"}""", "'type' must be a string")]
    [InlineData("""{"type":"ping","timestamp":"2025-01-01T12:00:00Z"}""", "not a server message type")]
    [InlineData("""{"type":"pong"}""", "'timestamp' is missing")]
    [InlineData("""{"type":"pong","timestamp":1735732800}""", "'timestamp' must be a string")]
    [InlineData("""{"type":"pong","timestamp":"2025-01-01T12:00:00"}""", "'timestamp' must be ISO-8601 with an offset")]
    [InlineData("""{"type":"pong","timestamp":"2025-01-01 12:00:00+00:00"}""", "'timestamp' must be ISO-8601 with an offset")]
    [InlineData("""{"type":"pong","timestamp":"2025-13-01T12:00:00Z"}""", "'timestamp' must be ISO-8601 with an offset")]
    [InlineData("""{"type":"pong","timestamp":"yesterday"}""", "'timestamp' must be ISO-8601 with an offset")]
    [InlineData("""{"type":"connection_established","message":"ok","timestamp":"2025-01-01T12:00:00Z","client_id":"abc","session_token":"t","conversation_id":"c"}""", "'client_id' must be a UUID")]
    [InlineData("""{"type":"connection_established","message":"ok","timestamp":"2025-01-01T12:00:00Z","client_id":"3f2504e0-4f89-11d3-9a0c-0305e82c3301","session_token":"","conversation_id":"c"}""", "'session_token' must not be empty")]
    [InlineData("""{"type":"connection_established","message":"ok","timestamp":"2025-01-01T12:00:00Z","client_id":"3f2504e0-4f89-11d3-9a0c-0305e82c3301","session_token":"t"}""", "'conversation_id' is missing")]
    [InlineData("""{"type":"contact_request_received","message":"ok","timestamp":"2025-01-01T12:00:00Z","request_id":"7"}""", "'request_id' must be an integer")]
    [InlineData("""{"type":"contact_request_received","timestamp":"2025-01-01T12:00:00Z","request_id":7}""", "'message' is missing")]
    [InlineData("""{"type":"chat_message_received","message":"ok","timestamp":"2025-01-01T12:00:00Z","message_id":0}""", "'message_id' must be > 0")]
    [InlineData("""{"type":"chat_message_received","message":"ok","timestamp":"2025-01-01T12:00:00Z","message_id":1.5}""", "'message_id' must be an integer")]
    [InlineData("""{"type":"chat_message_received","message":"ok","timestamp":"2025-01-01T12:00:00Z","message_id":1,"client_message_id":5}""", "'client_message_id' must be a string")]
    [InlineData("""{"type":"chat_message_received","message":"ok","timestamp":"2025-01-01T12:00:00Z","message_id":1,"client_message_id":null}""", "'client_message_id' must be a string")]
    [InlineData("""{"type":"resumed","message":"ok","timestamp":"2025-01-01T12:00:00Z","conversation_id":"c","client_id":"k","replayed":-1}""", "'replayed' must be ≥ 0")]
    [InlineData("""{"type":"resumed","message":"ok","timestamp":"2025-01-01T12:00:00Z","client_id":"k","replayed":0}""", "'conversation_id' is missing")]
    [InlineData("""{"type":"chat_message","message":"  ","timestamp":"2025-01-01T12:00:00Z","sender":"assistant","message_id":2}""", "'message' must not be empty")]
    [InlineData("""{"type":"chat_message","message":"hi","timestamp":"2025-01-01T12:00:00Z","sender":"visitor","message_id":2}""", "'sender' must be \"assistant\" or \"owner\"")]
    [InlineData("""{"type":"chat_message","message":"hi","timestamp":"2025-01-01T12:00:00Z","message_id":2}""", "'sender' is missing")]
    [InlineData("""{"type":"chat_message","message":"hi","timestamp":"2025-01-01T12:00:00Z","sender":"owner","message_id":2,"reply_to":"1"}""", "'reply_to' must be an integer")]
    [InlineData("""{"type":"chat_message","message":"hi","timestamp":"2025-01-01T12:00:00Z","sender":"owner"}""", "'message_id' is missing")]
    [InlineData("""{"type":"announcement","timestamp":"2025-01-01T12:00:00Z"}""", "'message' is missing")]
    [InlineData("""{"type":"error","message":"bad","timestamp":"2025-01-01T12:00:00Z","code":"oops"}""", "'code' must be one of")]
    [InlineData("""{"type":"error","message":"bad","timestamp":"2025-01-01T12:00:00Z"}""", "'code' is missing")]
    public void Broken_frames_are_caught_with_a_problem_naming_the_field(string frame, string expected)
    {
        var problems = ServerMessageValidator.Validate(Encoding.UTF8.GetBytes(frame));

        Assert.Contains(problems, problem => problem.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_problem_of_a_frame_is_reported_not_just_the_first()
    {
        var frame = """{"type":"chat_message","message":"","timestamp":"2025-01-01T12:00:00","sender":"bot","message_id":-3}""";

        var problems = ServerMessageValidator.Validate(Encoding.UTF8.GetBytes(frame));

        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("'timestamp'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("'message'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("'sender'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("'message_id'", StringComparison.Ordinal));
    }

    [Fact]
    public void Invalid_utf8_in_any_field_is_caught()
    {
        var frame = Encoding.UTF8.GetBytes("""{"type":"pong","timestamp":"2025-01-01T12:00:00Z","x":"?"}""");
        frame[^3] = 0xFF;

        var problems = ServerMessageValidator.Validate(frame);

        Assert.Contains(problems, p => p.Contains("not valid UTF-8", StringComparison.Ordinal));
    }

    [Fact]
    public void A_parsed_element_validates_like_its_bytes()
    {
        using var document = JsonDocument.Parse(ServerMessageWriter.Write(new ChatReply("answer", Noon, Senders.Assistant, 5, 4)));
        Assert.Empty(ServerMessageValidator.Validate(document.RootElement));

        using var broken = JsonDocument.Parse("""{"type":"chat_message","message":"answer","timestamp":"2025-01-01T12:00:00Z","sender":"assistant","message_id":"5"}""");
        Assert.Equal(["'message_id' must be an integer, got \"5\""], ServerMessageValidator.Validate(broken.RootElement));
    }
}
