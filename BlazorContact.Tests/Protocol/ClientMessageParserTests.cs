using System.Text;
using BlazorContact.Core.Protocol;

namespace BlazorContact.Tests.Protocol;

public sealed class ClientMessageParserTests
{
    private static readonly ProtocolLimits Limits = new(MaxMessageLength: 10);

    private static ParseResult Parse(string json) => ClientMessageParser.Parse(Encoding.UTF8.GetBytes(json), Limits);

    [Fact]
    public void The_guides_contact_request_parses_with_its_fields_kept_as_given()
    {
        var result = Parse("""{"type":"contact_request","message":" 你好 ","timestamp":"2025-01-01T12:00:00","userAgent":"Python客户端"}""");
        var request = Assert.IsType<ContactRequest>(result.Message);
        Assert.Equal("你好", request.Message);
        Assert.Equal("2025-01-01T12:00:00", request.ClientTimestamp);
        Assert.Equal("Python客户端", request.UserAgent);
        Assert.Null(request.Email);
    }

    [Fact]
    public void Chat_message_with_numeric_client_message_id_becomes_a_string_key()
    {
        var chat = Assert.IsType<ChatMessage>(Parse("""{"type":"chat_message","message":"hi","timestamp":"2025-01-01T12:00:00.000Z","client_message_id":7}""").Message);
        Assert.Equal("7", chat.ClientMessageId);
    }

    [Theory]
    [InlineData("", false)]
    [InlineData(""","stream":false""", false)]
    [InlineData(""","stream":null""", false)]
    [InlineData(""","stream":true""", true)]
    public void Chat_message_asks_for_streaming_only_with_stream_true(string extra, bool expected)
    {
        var chat = Assert.IsType<ChatMessage>(Parse($$"""{"type":"chat_message","message":"hi","timestamp":"2025-01-01T12:00:00Z"{{extra}}}""").Message);
        Assert.Equal(expected, chat.Stream);
    }

    [Fact]
    public void Ping_needs_no_fields() => Assert.IsType<Ping>(Parse("""{"type":"ping"}""").Message);

    [Fact]
    public void Resume_defaults_last_message_id_to_zero()
    {
        var resume = Assert.IsType<Resume>(Parse("""{"type":"resume","session_token":"abc"}""").Message);
        Assert.Equal(0, resume.LastMessageId);
    }

    [Fact]
    public void History_defaults_to_the_latest_fifty()
    {
        var history = Assert.IsType<HistoryRequest>(Parse("""{"type":"history"}""").Message);
        Assert.Null(history.BeforeMessageId);
        Assert.Equal(50, history.Limit);
    }

    [Theory]
    [InlineData("{", ErrorCodes.InvalidJson, null)]
    [InlineData("""{"type":"history","limit":0}""", ErrorCodes.InvalidField, "limit")]
    [InlineData("""{"type":"history","limit":201}""", ErrorCodes.InvalidField, "limit")]
    [InlineData("""{"type":"history","before_message_id":"x"}""", ErrorCodes.InvalidField, "before_message_id")]
    [InlineData("\"just a string\"", ErrorCodes.InvalidJson, null)]
    [InlineData("""{"type":5}""", ErrorCodes.InvalidField, "type")]
    [InlineData("""{}""", ErrorCodes.MissingField, "type")]
    [InlineData("""{"type":"hello"}""", ErrorCodes.UnknownType, "type")]
    [InlineData("""{"type":"chat_message","message":"hi"}""", ErrorCodes.MissingField, "timestamp")]
    [InlineData("""{"type":"chat_message","message":"hi","timestamp":12}""", ErrorCodes.InvalidField, "timestamp")]
    [InlineData("""{"type":"chat_message","message":"","timestamp":"2025-01-01T12:00:00"}""", ErrorCodes.InvalidField, "message")]
    [InlineData("""{"type":"chat_message","message":"12345678901","timestamp":"2025-01-01T12:00:00"}""", ErrorCodes.MessageTooLong, "message")]
    [InlineData("""{"type":"chat_message","message":"hi","timestamp":"2025-01-01T12:00:00","client_message_id":""}""", ErrorCodes.InvalidField, "client_message_id")]
    [InlineData("""{"type":"chat_message","message":"hi","timestamp":"2025-01-01T12:00:00","client_message_id":{}}""", ErrorCodes.InvalidField, "client_message_id")]
    [InlineData("""{"type":"chat_message","message":"hi","timestamp":"2025-01-01T12:00:00","stream":"yes"}""", ErrorCodes.InvalidField, "stream")]
    [InlineData("""{"type":"contact_request","message":"hi","timestamp":"2025-01-01T12:00:00","userAgent":7}""", ErrorCodes.InvalidField, "userAgent")]
    [InlineData("""{"type":"contact_request","message":"hi","timestamp":"2025-01-01T12:00:00","userAgent":"x","email":"a@b"}""", ErrorCodes.InvalidField, "email")]
    [InlineData("""{"type":"resume","session_token":"abc","last_message_id":-1}""", ErrorCodes.InvalidField, "last_message_id")]
    [InlineData("""{"type":"resume","session_token":"  "}""", ErrorCodes.InvalidField, "session_token")]
    public void Bad_frames_become_typed_errors(string json, string code, string? field)
    {
        var result = Parse(json);
        Assert.False(result.IsSuccess);
        Assert.Equal(code, result.Error!.Code);
        Assert.Equal(field, result.Error.Field);
    }

    [Fact]
    public void Length_counts_code_points_so_emoji_count_once()
    {
        var tenEmoji = string.Concat(Enumerable.Repeat("😀", 10));
        Assert.True(Parse($$"""{"type":"chat_message","message":"{{tenEmoji}}","timestamp":"2025-01-01T12:00:00"}""").IsSuccess);
    }
}
