using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using BlazorContact.Core.Protocol;

namespace BlazorContact.Tests.Protocol;

public sealed class ClientMessageWriterTests
{
    private static readonly ProtocolLimits Limits = new(MaxMessageLength: 4000);

    /// <summary>One of every client message, with optional fields both present and absent.</summary>
    private static readonly ClientMessage[] Samples =
    [
        new ContactRequest("你好，我想咨询技术问题", "2025-01-01T12:00:00", "Python客户端"),
        new ContactRequest("Hello", "2025-01-01T12:00:00.000Z", "Mozilla/5.0", Name: "Ada", Email: "ada@example.com", Page: "/posts/hello"),
        new ChatMessage("博客用什么搭建的？", "2025-01-01T12:00:00.123456"),
        new ChatMessage("\"quoted\" + \\ and 😀", "2025-01-01T12:00:00Z", ClientMessageId: "c-1") { Stream = true },
        Ping.Instance,
        new Resume("dG9rZW4tdG9rZW4tdG9rZW4"),
        new Resume("dG9rZW4tdG9rZW4tdG9rZW4", LastMessageId: 42),
        new HistoryRequest(),
        new HistoryRequest(BeforeMessageId: 7, Limit: 3),
    ];

    public static TheoryData<ClientMessage> EverythingTheWriterSends() => new(Samples);

    [Theory]
    [MemberData(nameof(EverythingTheWriterSends))]
    public void Every_message_the_writer_produces_parses_back_to_an_equal_message(ClientMessage message)
    {
        var frame = ClientMessageWriter.Write(message);

        var parsed = ClientMessageParser.Parse(frame, Limits);

        Assert.True(parsed.IsSuccess, $"{Encoding.UTF8.GetString(frame)}: {parsed.Error}");
        Assert.Equal(message, parsed.Message);
    }

    [Theory]
    [MemberData(nameof(EverythingTheWriterSends))]
    public void Type_comes_first_and_is_the_one_TypeOf_names(ClientMessage message)
    {
        var json = Encoding.UTF8.GetString(ClientMessageWriter.Write(message));

        Assert.StartsWith($$"""{"type":"{{ClientMessageWriter.TypeOf(message)}}""", json);
    }

    [Fact]
    public void The_samples_cover_every_client_message_type()
    {
        var declared = typeof(ClientMessage).GetCustomAttributes<JsonDerivedTypeAttribute>().Select(a => a.DerivedType).ToHashSet();
        var sampled = Samples.Select(sample => sample.GetType()).ToHashSet();

        Assert.Equal(declared.OrderBy(t => t.Name), sampled.OrderBy(t => t.Name));
    }

    [Fact]
    public void The_guides_contact_request_is_written_with_its_field_names_and_chinese_as_is()
    {
        var json = Encoding.UTF8.GetString(ClientMessageWriter.Write(new ContactRequest("你好，我想咨询技术问题", "2025-01-01T12:00:00", "Python客户端")));

        Assert.Equal("""{"type":"contact_request","message":"你好，我想咨询技术问题","timestamp":"2025-01-01T12:00:00","userAgent":"Python客户端"}""", json);
    }

    [Fact]
    public void Absent_optional_fields_are_left_out()
    {
        Assert.Equal(
            """{"type":"chat_message","message":"hi","timestamp":"2025-01-01T12:00:00"}""",
            Encoding.UTF8.GetString(ClientMessageWriter.Write(new ChatMessage("hi", "2025-01-01T12:00:00"))));
        Assert.Equal("""{"type":"history","limit":50}""", Encoding.UTF8.GetString(ClientMessageWriter.Write(new HistoryRequest())));
        Assert.Equal("""{"type":"ping"}""", Encoding.UTF8.GetString(ClientMessageWriter.Write(Ping.Instance)));
    }

    [Fact]
    public void A_chat_message_asks_for_streaming_only_when_stream_is_true()
    {
        using var streamed = JsonDocument.Parse(ClientMessageWriter.Write(new ChatMessage("hi", "2025-01-01T12:00:00", "c-1") { Stream = true }));

        Assert.True(streamed.RootElement.GetProperty("stream").GetBoolean());
        Assert.Equal("c-1", streamed.RootElement.GetProperty("client_message_id").GetString());
    }

    [Fact]
    public void Timestamps_are_written_as_javascript_toISOString_writes_them_and_kept_as_given()
    {
        var timestamp = ClientMessageWriter.FormatTimestamp(new DateTimeOffset(2025, 1, 1, 20, 0, 0, 123, TimeSpan.FromHours(8)));

        Assert.Equal("2025-01-01T12:00:00.123Z", timestamp);
        var parsed = ClientMessageParser.Parse(ClientMessageWriter.Write(new ChatMessage("hi", timestamp)), Limits);
        Assert.Equal(timestamp, Assert.IsType<ChatMessage>(parsed.Message).ClientTimestamp);
    }
}
