namespace BlazorContact.Core.Notifications;

/// <summary>Settings of the <c>Notifications:Email</c> section. Email is on when <see cref="Host"/> and <see cref="To"/> are set.</summary>
public sealed class EmailNotifierOptions
{
    public const string SectionName = "Notifications:Email";

    /// <summary>The SMTP server, e.g. <c>smtp.example.com</c>.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public SmtpTlsMode UseTls { get; set; } = SmtpTlsMode.Auto;

    /// <summary>Sign-in name; none means the server takes mail without signing in.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender address; defaults to the first address of <see cref="To"/>.</summary>
    public string? From { get; set; }

    /// <summary>The owner's address; several may be given, separated by commas.</summary>
    public string? To { get; set; }

    /// <summary>Whether enough is set to send.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host) && !string.IsNullOrWhiteSpace(To);
}
