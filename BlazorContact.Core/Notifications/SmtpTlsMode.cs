namespace BlazorContact.Core.Notifications;

/// <summary>How the connection to the SMTP server is secured (<c>Notifications:Email:UseTls</c>).</summary>
public enum SmtpTlsMode
{
    /// <summary>TLS from the start on port 465, otherwise STARTTLS when the server offers it.</summary>
    Auto,

    /// <summary>Plain text: only for a relay on the same machine.</summary>
    None,

    /// <summary>STARTTLS, required: sending fails if the server does not offer it (usually port 587).</summary>
    StartTls,

    /// <summary>TLS from the start (SMTPS, usually port 465).</summary>
    SslOnConnect,
}
