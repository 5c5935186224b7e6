using BlazorContact.Core.Events;

namespace BlazorContact.Core.Backplane;

/// <summary>
/// One message on the backplane channel: a probe, a committed reply, an announcement or a contact event, with the
/// instance that sent it and when (for the lag). Replies carry the previous reply's id, so a receiver sees a gap.
/// </summary>
internal sealed record BackplaneEnvelope(string Kind, string Origin, long SentAtMs)
{
    public const string Probe = "probe";
    public const string ReplyKind = "reply";
    public const string AnnouncementKind = "announcement";
    public const string EventKind = "event";

    public BackplaneReply? Reply { get; init; }

    public string? Announcement { get; init; }

    public ContactEvent? Event { get; init; }
}

/// <summary>A committed reply as the backplane carries it: everything a receiver needs to queue it, or see it missed one.</summary>
internal sealed record BackplaneReply(
    long Id, string ConversationId, long PreviousReplyId, string Sender, string Text, DateTimeOffset CreatedAt, long? ReplyTo);
