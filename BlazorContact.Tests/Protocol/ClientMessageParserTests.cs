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
    [InlineData("""{"type":"chat_message","message":"hi","timestamp":"2025-01-01T12:00:00","client_message_id":"\n\r\t"}""", ErrorCodes.InvalidField, "client_message_id")]
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

    private const string Stamp = "2025-01-01T12:00:00Z";

    [Theory]
    [InlineData("message")]
    [InlineData("userAgent")]
    [InlineData("name")]
    [InlineData("email")]
    [InlineData("page")]
    public void Nul_in_any_contact_request_text_is_refused_on_every_provider_alike(string field)
    {
        var fields = new Dictionary<string, string> { ["message"] = "hi", ["userAgent"] = "UA", ["name"] = "Wang", ["email"] = "w@example.com", ["page"] = "/p" };
        fields[field] = field == "email" ? "w\\u0000@example.com" : "a\\u0000b";
        var json = "{\"type\":\"contact_request\",\"timestamp\":\"" + Stamp + "\"," + string.Join(",", fields.Select(f => $"\"{f.Key}\":\"{f.Value}\"")) + "}";

        var result = Parse(json);

        Assert.Equal(ErrorCodes.InvalidField, result.Error?.Code);
        Assert.Equal(field, result.Error!.Field);
    }

    [Theory]
    [InlineData("""{"type":"chat_message","message":"a\u0000","timestamp":"2025-01-01T12:00:00Z"}""", "message")]
    [InlineData("""{"type":"chat_message","message":"\u0000","timestamp":"2025-01-01T12:00:00Z"}""", "message")]
    [InlineData("""{"type":"chat_message","message":"hi","timestamp":"2025-01-01T12:00:00Z","client_message_id":"x\u0000"}""", "client_message_id")]
    [InlineData("""{"type":"resume","session_token":"abc\u0000"}""", "session_token")]
    public void Nul_in_chat_and_resume_text_is_refused(string json, string field)
    {
        var result = Parse(json);
        Assert.Equal(ErrorCodes.InvalidField, result.Error?.Code);
        Assert.Equal(field, result.Error!.Field);
    }

    [Theory]
    [InlineData("""{"type":"chat_message","message":"a\ud800b","timestamp":"2025-01-01T12:00:00Z"}""", "message")]
    [InlineData("""{"type":"chat_message","message":"\udfff","timestamp":"2025-01-01T12:00:00Z"}""", "message")]
    [InlineData("""{"type":"contact_request","message":"hi","timestamp":"2025-01-01T12:00:00Z","userAgent":"\ud83d"}""", "userAgent")]
    [InlineData("""{"type":"chat_message","message":"hi","timestamp":"2025-01-01T12:00:00Z","client_message_id":"\ud800"}""", "client_message_id")]
    [InlineData("""{"type":"\ud800"}""", "type")]
    [InlineData("""{"type":"resume","session_token":"\udc00"}""", "session_token")]
    public void An_escaped_lone_surrogate_is_an_invalid_field_not_an_exception(string json, string field)
    {
        var result = Parse(json);
        Assert.Equal(ErrorCodes.InvalidField, result.Error?.Code);
        Assert.Equal(field, result.Error!.Field);
    }

    [Fact]
    public void An_escaped_lone_surrogate_in_a_property_name_is_invalid_json_not_an_exception()
    {
        var result = Parse("""{"\ud800":1,"type":"ping"}""");
        Assert.True(result.IsSuccess || result.Error!.Code == ErrorCodes.InvalidJson, result.Error?.Detail);
    }

    [Theory]
    [InlineData("\u202Eevil\u202C")]
    [InlineData("tab\tnew\nline\u0001\u001F\u007F")]
    [InlineData("e\u0301\u0301\u0301")]
    [InlineData("👩‍👩‍👧‍👦🇨🇳")]
    [InlineData("\uFEFF\uFFFF")]
    public void Other_control_bidi_and_combining_characters_are_kept_as_given(string text)
    {
        var json = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["type"] = "chat_message", ["message"] = "x" + text + "x", ["timestamp"] = Stamp });
        var chat = Assert.IsType<ChatMessage>(ClientMessageParser.Parse(Encoding.UTF8.GetBytes(json), new ProtocolLimits()).Message);
        Assert.Equal("x" + text + "x", chat.Message);
    }

    [Fact]
    public void Json_nested_ten_thousand_deep_is_invalid_json()
    {
        var deep = "{\"type\":\"ping\",\"x\":" + new string('[', 10_000) + new string(']', 10_000) + "}";
        Assert.Equal(ErrorCodes.InvalidJson, Parse(deep).Error?.Code);
    }

    [Theory]
    [InlineData("""{"type":"history","limit":1e400}""", "limit")]
    [InlineData("""{"type":"resume","session_token":"a","last_message_id":99999999999999999999999999}""", "last_message_id")]
    [InlineData("""{"type":"history","before_message_id":-0.5}""", "before_message_id")]
    public void Huge_and_fractional_numbers_are_invalid_fields(string json, string field)
    {
        var result = Parse(json);
        Assert.Equal(ErrorCodes.InvalidField, result.Error?.Code);
        Assert.Equal(field, result.Error!.Field);
    }

    [Fact]
    public void With_duplicate_keys_the_last_one_wins()
    {
        var chat = Assert.IsType<ChatMessage>(Parse("""{"type":"ping","type":"chat_message","message":"a","message":"b","timestamp":"2025-01-01T12:00:00Z"}""").Message);
        Assert.Equal("b", chat.Message);
    }
}
