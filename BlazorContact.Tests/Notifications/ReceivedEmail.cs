using MimeKit;

namespace BlazorContact.Tests.Notifications;

/// <summary>A message the test SMTP server accepted, with the envelope it came in.</summary>
public sealed record ReceivedEmail(MimeMessage Message, string MailFrom, IReadOnlyList<string> RecipientsTo);
