using System.Diagnostics;
using System.Globalization;
using BlazorContact.Core.Protocol;

namespace BlazorContact.Bench;

/// <summary>
/// The exchanges the bench times. Each sends one frame and waits for what the protocol promises in
/// return; it returns the <see cref="Stopwatch"/> timestamp of the acknowledgement when there is one.
/// </summary>
internal static class RoundTrips
{
    private static readonly byte[] PingFrame = ClientMessageWriter.Write(Ping.Instance);

    // The guide's questions: the assistant answers each from the sample posts.
    private static readonly string[] Questions = ["你好，这个博客系统是怎么搭建的？", "能介绍一下使用的技术栈吗？", "如何部署到生产环境？"];

    /// <summary>ping → pong: the cost of the connection and the protocol alone.</summary>
    public static async ValueTask<long?> PingAsync(BenchClient client, long sequence, bool validate, CancellationToken cancellationToken)
    {
        await client.SendAsync(PingFrame, cancellationToken);
        Expect(await client.ReceiveAsync(validate, cancellationToken), MessageTypes.Pong);
        return null;
    }

    /// <summary>
    /// chat_message → chat_message_received (sent only once the message is committed to disk) → the
    /// assistant's chat_message (committed too). A new client_message_id each time: every one is stored.
    /// </summary>
    public static async ValueTask<long?> ChatAsync(BenchClient client, long sequence, bool validate, CancellationToken cancellationToken)
    {
        var frame = ClientMessageWriter.Write(new ChatMessage(
            Questions[sequence % Questions.Length],
            ClientMessageWriter.FormatTimestamp(DateTimeOffset.UtcNow),
            string.Create(CultureInfo.InvariantCulture, $"bench-{sequence}")));
        await client.SendAsync(frame, cancellationToken);
        var ack = Expect(await client.ReceiveAsync(validate, cancellationToken), MessageTypes.ChatMessageReceived);
        var ackedAt = Stopwatch.GetTimestamp();
        var reply = Expect(await client.ReceiveAsync(validate, cancellationToken), MessageTypes.ChatMessage);
        if (reply.ReplyTo != ack.MessageId)
        {
            throw new InvalidDataException($"the reply answers message_id {reply.ReplyTo}, not {ack.MessageId}");
        }

        return ackedAt;
    }

    private static BenchFrame Expect(BenchFrame frame, string type) =>
        frame.Type == type ? frame : throw new InvalidDataException($"expected {type}, got {frame.Type}");
}
