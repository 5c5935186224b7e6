using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;

namespace BlazorContact.Core.Notifications;

/// <summary>
/// Emails the owner through an SMTP server with MailKit (<c>Notifications:Email</c>). One connection
/// per notification: they are rare, and a fresh connection never trips over one the server dropped.
/// </summary>
public sealed class SmtpEmailNotifier(IOptions<EmailNotifierOptions> options) : IOwnerNotifier
{
    private readonly EmailNotifierOptions _options = options.Value;

    public string Name => "email";

    public bool IsEnabled => _options.IsConfigured;

    public string Target => $"{_options.Host}:{_options.Port} ({_options.UseTls}) to {_options.To}";

    public async Task NotifyAsync(OwnerNotification notification, CancellationToken cancellationToken)
    {
        using var message = OwnerEmail.Compose(notification, _options);
        using var client = new SmtpClient();
        await client.ConnectAsync(_options.Host!.Trim(), _options.Port, SocketOptions(_options.UseTls), cancellationToken).ConfigureAwait(false);
        if (!string.IsNullOrWhiteSpace(_options.UserName))
        {
            await client.AuthenticateAsync(_options.UserName, _options.Password ?? "", cancellationToken).ConfigureAwait(false);
        }

        await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
        await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
    }

    private static SecureSocketOptions SocketOptions(SmtpTlsMode mode) => mode switch
    {
        SmtpTlsMode.None => SecureSocketOptions.None,
        SmtpTlsMode.StartTls => SecureSocketOptions.StartTls,
        SmtpTlsMode.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };
}
