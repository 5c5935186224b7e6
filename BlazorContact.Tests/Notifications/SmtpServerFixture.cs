namespace BlazorContact.Tests.Notifications;

/// <summary>One real SMTP server process (aiosmtpd) for the email tests.</summary>
public sealed class SmtpServerFixture : IAsyncLifetime
{
    public SmtpServerProcess Smtp { get; private set; } = null!;

    public async Task InitializeAsync() => Smtp = await SmtpServerProcess.StartAsync();

    public async Task DisposeAsync() => await Smtp.DisposeAsync();
}
