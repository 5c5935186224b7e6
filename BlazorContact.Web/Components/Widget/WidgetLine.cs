namespace BlazorContact.Web.Components.Widget;

/// <summary>One line in the visitor's chat panel.</summary>
public sealed class WidgetLine
{
    public required string Kind { get; init; }

    public required string Text { get; set; }

    /// <summary>For a reply still being streamed: the visitor message it answers; null once complete.</summary>
    public long? DraftFor { get; set; }

    public string? ClientMessageId { get; init; }

    public long? MessageId { get; set; }

    /// <summary>For the visitor's own lines: false while sending, true once stored.</summary>
    public bool Received { get; set; }

    public const string VisitorKind = "visitor";
    public const string AssistantKind = "assistant";
    public const string OwnerKind = "owner";
    public const string AnnouncementKind = "announcement";
    public const string NoticeKind = "notice";
    public const string ErrorKind = "error";
}
