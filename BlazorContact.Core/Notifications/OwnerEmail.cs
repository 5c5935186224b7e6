using System.Globalization;
using System.Text;
using BlazorContact.Core.Events;
using MimeKit;

namespace BlazorContact.Core.Notifications;

/// <summary>
/// Writes the email the owner gets: a bilingual subject naming the visitor, a plain-text body with
/// the message, where it came from and the inbox link, and Reply-To set to the visitor so the owner
/// can answer by email.
/// </summary>
public static class OwnerEmail
{
    public const string SubjectPrefix = "[BlazorContact]";

    // Names come from visitors: bounded and on one line before they go into a header.
    private const int MaxNameLength = 80;

    public static MimeMessage Compose(OwnerNotification notification, EmailNotifierOptions options)
    {
        var to = EmailNotifierOptionsValidator.ParseAddresses(options.To ?? "")
            ?? throw new InvalidOperationException("Notifications:Email:To is not a valid address list.");
        var from = string.IsNullOrWhiteSpace(options.From)
            ? (MailboxAddress)to[0]
            : EmailNotifierOptionsValidator.ParseAddress(options.From) ?? throw new InvalidOperationException("Notifications:Email:From is not a valid address.");

        var message = new MimeMessage { Subject = Subject(notification), Date = notification.At };
        message.From.Add(from);
        message.To.AddRange(to);
        var visitor = VisitorAddress(notification);
        if (visitor is not null)
        {
            message.ReplyTo.Add(visitor);
        }

        // RFC 3834: tells mail servers and vacation responders not to answer it automatically.
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Body = new TextPart("plain") { Text = Body(notification, replyable: visitor is not null) };
        return message;
    }

    public static string Subject(OwnerNotification notification)
    {
        var what = notification.Reason == OwnerAttentionReason.ContactRequest
            ? "新的联系请求 / New contact request"
            : "访客新消息 / New visitor message";
        return $"{SubjectPrefix} {what}: {Visitor(notification)}";
    }

    public static string Body(OwnerNotification notification, bool replyable)
    {
        var text = new StringBuilder();
        var heading = notification.Reason == OwnerAttentionReason.ContactRequest
            ? "新的联系请求 / New contact request"
            : "你接管的会话里有访客新消息 / New message in a conversation you took over";
        text.Append(heading).Append("\n\n");
        text.Append(Visitor(notification)).Append(":\n\n");
        text.Append(notification.Text.Trim()).Append("\n\n");
        text.Append("-- \n");
        Line(text, "页面 / Page", notification.Page);
        Line(text, "浏览器 / User agent", notification.UserAgent);
        Line(text, "时间 / Time", notification.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture));
        Line(text, "会话 / Conversation", notification.ConversationId);
        Line(text, "请求 / Request", notification.RequestId?.ToString(CultureInfo.InvariantCulture));
        Line(text, "消息 / Message", notification.MessageId?.ToString(CultureInfo.InvariantCulture));
        text.Append("\n在收件箱中打开 / Open in the inbox:\n").Append(notification.InboxUrl).Append('\n');
        if (replyable)
        {
            text.Append("\n直接回复此邮件即可给访客发邮件。 / Reply to this email to write to the visitor.\n");
        }

        return text.ToString();
    }

    /// <summary>"Ada &lt;ada@example.com&gt;", "Ada", "ada@example.com", or "匿名访客 / anonymous visitor".</summary>
    private static string Visitor(OwnerNotification notification)
    {
        var name = OneLine(notification.VisitorName);
        var email = OneLine(notification.VisitorEmail);
        return (name, email) switch
        {
            ({ Length: > 0 }, { Length: > 0 }) => $"{name} <{email}>",
            ({ Length: > 0 }, _) => name,
            (_, { Length: > 0 }) => email,
            _ => "匿名访客 / anonymous visitor",
        };
    }

    private static MailboxAddress? VisitorAddress(OwnerNotification notification)
    {
        if (string.IsNullOrWhiteSpace(notification.VisitorEmail))
        {
            return null;
        }

        var address = EmailNotifierOptionsValidator.ParseAddress(OneLine(notification.VisitorEmail));
        if (address is null)
        {
            return null;
        }

        address.Name = OneLine(notification.VisitorName);
        return address;
    }

    private static string OneLine(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "";
        }

        var line = new string(value.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();
        return line.Length <= MaxNameLength ? line : line[..MaxNameLength] + "…";
    }

    private static void Line(StringBuilder text, string label, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            text.Append(label).Append(": ").Append(OneLine(value)).Append('\n');
        }
    }
}
