using System.Text;
using System.Text.Json;
using BlazorContact.Core.Protocol;

namespace BlazorContact.Tests.Protocol;

public sealed class ServerMessageWriterTests
{
    private static readonly DateTimeOffset Noon = new(2025, 1, 1, 12, 0, 0, 123, TimeSpan.Zero);

    [Fact]
    public void Type_comes_first_and_fields_are_snake_case()
    {
        var json = Encoding.UTF8.GetString(ServerMessageWriter.Write(new ChatMessageReceived("消息已收到", Noon, 42, "c-1")));
        Assert.StartsWith("""{"type":"chat_message_received",""", json);
        using var document = JsonDocument.Parse(json);
        Assert.Equal(42, document.RootElement.GetProperty("message_id").GetInt64());
        Assert.Equal("c-1", document.RootElement.GetProperty("client_message_id").GetString());
    }

    [Fact]
    public void Timestamps_are_utc_with_milliseconds_and_an_explicit_offset()
    {
        var json = Encoding.UTF8.GetString(ServerMessageWriter.Write(new Pong(Noon.ToOffset(TimeSpan.FromHours(8)))));
        Assert.Equal("""{"type":"pong","timestamp":"2025-01-01T12:00:00.123+00:00"}""", json);
    }

    [Fact]
    public void Absent_optional_fields_are_left_out()
    {
        var json = Encoding.UTF8.GetString(ServerMessageWriter.Write(new ChatMessageReceived("ok", Noon, 1, null)));
        Assert.DoesNotContain("client_message_id", json);
    }

    [Fact]
    public void Replies_use_chat_message_as_their_type()
    {
        var json = Encoding.UTF8.GetString(ServerMessageWriter.Write(new ChatReply("hi", Noon, Senders.Owner, 9, null)));
        Assert.StartsWith("""{"type":"chat_message","message":"hi",""", json);
        Assert.Contains("\"sender\":\"owner\"", json);
    }
}
