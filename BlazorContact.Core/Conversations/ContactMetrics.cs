using System.Diagnostics.Metrics;
using BlazorContact.Core.Protocol;

namespace BlazorContact.Core.Conversations;

/// <summary>
/// The instruments of the meter <c>BlazorContact</c> (dotnet-counters; OpenTelemetry's Prometheus exporter at
/// <c>/metrics</c>). Tags are cached <see cref="KeyValuePair{TKey,TValue}"/>s, one per protocol type, so counting a
/// message on the hot path allocates nothing. Durations are in seconds, as OpenTelemetry's conventions have them.
/// </summary>
public static class ContactMetrics
{
    /// <summary>The meter's name: what an exporter subscribes to (other parts, such as a backplane, add instruments to it).</summary>
    public const string MeterName = "BlazorContact";

    private static readonly Meter Meter = new(MeterName);

    private static readonly double[] LatencyBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private static readonly double[] AssistantBuckets = [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30];

    private static readonly Counter<long> ErrorsCounter = Meter.CreateCounter<long>(
        "blazorcontact.errors", unit: "{error}", description: "Rejected visitor inputs by error code");

    private static readonly UpDownCounter<long> ConnectionsCounter = Meter.CreateUpDownCounter<long>(
        "blazorcontact.connections", unit: "{connection}", description: "Open visitor connections (raw WebSocket and Razor widget)");

    private static readonly Counter<long> MessagesInCounter = Meter.CreateCounter<long>(
        "blazorcontact.messages.in", unit: "{message}", description: "Valid visitor messages received, by type");

    private static readonly Counter<long> MessagesOutCounter = Meter.CreateCounter<long>(
        "blazorcontact.messages.out", unit: "{message}", description: "Messages queued to visitor connections, by type (a fan-out counts once per connection)");

    private static readonly Counter<long> AcksCounter = Meter.CreateCounter<long>(
        "blazorcontact.acks", unit: "{ack}", description: "Acknowledgements of stored visitor messages, by type");

    private static readonly Histogram<double> AckLatencyHistogram = Meter.CreateHistogram(
        "blazorcontact.ack.latency", unit: "s", description: "From a frame's receipt to its acknowledgement being queued (includes the commit)",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });

    private static readonly Histogram<double> AssistantLatencyHistogram = Meter.CreateHistogram(
        "blazorcontact.assistant.latency", unit: "s", description: "Time the assistant took to answer, by outcome",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = AssistantBuckets });

    private static readonly Histogram<double> CommitLatencyHistogram = Meter.CreateHistogram(
        "blazorcontact.storage.commit.latency", unit: "s", description: "One group-commit transaction, begin to durable commit",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });

    private static readonly Histogram<int> CommitBatchSizeHistogram = Meter.CreateHistogram(
        "blazorcontact.storage.commit.batch_size", unit: "{write}", description: "Writes sharing one commit",
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024] });

    private static readonly Counter<long> NotifierFailuresCounter = Meter.CreateCounter<long>(
        "blazorcontact.notifier.failures", unit: "{attempt}", description: "Failed owner-notification attempts, by notifier and outcome (retrying, gave_up)");

    private static readonly KeyValuePair<string, object?> ConnectionEstablishedTag = TypeTag(MessageTypes.ConnectionEstablished);
    private static readonly KeyValuePair<string, object?> ContactRequestTag = TypeTag(MessageTypes.ContactRequest);
    private static readonly KeyValuePair<string, object?> ContactRequestReceivedTag = TypeTag(MessageTypes.ContactRequestReceived);
    private static readonly KeyValuePair<string, object?> ChatMessageTag = TypeTag(MessageTypes.ChatMessage);
    private static readonly KeyValuePair<string, object?> ChatMessageReceivedTag = TypeTag(MessageTypes.ChatMessageReceived);
    private static readonly KeyValuePair<string, object?> PingTag = TypeTag(MessageTypes.Ping);
    private static readonly KeyValuePair<string, object?> PongTag = TypeTag(MessageTypes.Pong);
    private static readonly KeyValuePair<string, object?> ResumeTag = TypeTag(MessageTypes.Resume);
    private static readonly KeyValuePair<string, object?> ResumedTag = TypeTag(MessageTypes.Resumed);
    private static readonly KeyValuePair<string, object?> AnnouncementTag = TypeTag(MessageTypes.Announcement);
    private static readonly KeyValuePair<string, object?> ErrorTag = TypeTag(MessageTypes.Error);
    private static readonly KeyValuePair<string, object?> HistoryTag = TypeTag(MessageTypes.History);
    private static readonly KeyValuePair<string, object?> ChatMessageDeltaTag = TypeTag(MessageTypes.ChatMessageDelta);
    private static readonly KeyValuePair<string, object?> OtherTag = TypeTag("other");

    private static readonly KeyValuePair<string, object?> FoundTag = new("outcome", "found");
    private static readonly KeyValuePair<string, object?> NotFoundTag = new("outcome", "not_found");
    private static readonly KeyValuePair<string, object?> FailedTag = new("outcome", "failed");
    private static readonly KeyValuePair<string, object?> RetryingTag = new("outcome", "retrying");
    private static readonly KeyValuePair<string, object?> GaveUpTag = new("outcome", "gave_up");

    /// <summary>A rejected input; <paramref name="code"/> is one of <see cref="ErrorCodes"/> (a constant, so the tag holds no new string).</summary>
    public static void Error(string code) => ErrorsCounter.Add(1, new KeyValuePair<string, object?>("code", code));

    public static void ConnectionOpened() => ConnectionsCounter.Add(1);

    public static void ConnectionClosed() => ConnectionsCounter.Add(-1);

    public static void MessageIn(ClientMessage message) => MessagesInCounter.Add(1, message switch
    {
        ChatMessage => ChatMessageTag,
        Ping => PingTag,
        ContactRequest => ContactRequestTag,
        Resume => ResumeTag,
        HistoryRequest => HistoryTag,
        _ => OtherTag,
    });

    /// <summary>One message queued to <paramref name="connections"/> connections.</summary>
    public static void MessageOut(ServerMessage message, int connections = 1)
    {
        if (connections > 0)
        {
            MessagesOutCounter.Add(connections, OutTag(message));
        }
    }

    /// <summary>An acknowledgement queued, <paramref name="receivedAt"/> (a <see cref="TimeProvider.GetTimestamp"/>) after its frame arrived.</summary>
    public static void Ack(ServerMessage ack, TimeProvider time, long receivedAt)
    {
        var tag = OutTag(ack);
        AcksCounter.Add(1, tag);
        AckLatencyHistogram.Record(time.GetElapsedTime(receivedAt).TotalSeconds, tag);
    }

    public static void AssistantAnswered(TimeSpan elapsed, bool found) =>
        AssistantLatencyHistogram.Record(elapsed.TotalSeconds, found ? FoundTag : NotFoundTag);

    public static void AssistantFailed(TimeSpan elapsed) => AssistantLatencyHistogram.Record(elapsed.TotalSeconds, FailedTag);

    public static void Committed(TimeSpan elapsed, int batchSize)
    {
        CommitLatencyHistogram.Record(elapsed.TotalSeconds);
        CommitBatchSizeHistogram.Record(batchSize);
    }

    /// <summary>A failed notification attempt; <paramref name="notifier"/> is the notifier's fixed name (<c>email</c>, <c>webhook</c>).</summary>
    public static void NotifierFailed(string notifier, bool gaveUp) =>
        NotifierFailuresCounter.Add(1, new KeyValuePair<string, object?>("notifier", notifier), gaveUp ? GaveUpTag : RetryingTag);

    private static KeyValuePair<string, object?> OutTag(ServerMessage message) => message switch
    {
        ChatMessageReceived => ChatMessageReceivedTag,
        ChatReply => ChatMessageTag,
        ChatMessageDelta => ChatMessageDeltaTag,
        Pong => PongTag,
        ConnectionEstablished => ConnectionEstablishedTag,
        ContactRequestReceived => ContactRequestReceivedTag,
        Resumed => ResumedTag,
        Announcement => AnnouncementTag,
        ErrorMessage => ErrorTag,
        History => HistoryTag,
        _ => OtherTag,
    };

    private static KeyValuePair<string, object?> TypeTag(string type) => new("type", type);
}
