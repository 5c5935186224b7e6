using BlazorContact.Core.Protocol;

namespace BlazorContact.Tests.Protocol;

public sealed class ServerMessageReaderTests
{
    private static readonly DateTimeOffset Noon = new(2025, 1, 1, 12, 0, 0, 123, TimeSpan.Zero);

    [Fact]
    public void What_the_writer_writes_reads_back_as_the_same_record()
    {
        ServerMessage[] messages =
        [
            new ChatReply("你好", Noon, Senders.Owner, 9, 3),
            new ChatMessageReceived("ok", Noon, 4, "c-1"),
            new Announcement("hi all", Noon),
            new ErrorMessage("bad", ErrorCodes.InvalidField, Noon),
        ];
        foreach (var message in messages)
        {
            Assert.Equal(message, ServerMessageReader.Read(ServerMessageWriter.Write(message)));
        }
    }

    [Fact]
    public void Garbage_reads_as_null() => Assert.Null(ServerMessageReader.Read("{\"type\":\"nope\"}"u8));
}
