using BlazorContact.Core.Notifications;
using BlazorContact.Tests.Support;
using BlazorContact.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BlazorContact.Tests.Notifications;

public sealed class NotificationStartupTests
{
    [Fact]
    public async Task By_default_no_notifier_is_on_and_nothing_is_queued()
    {
        await using var server = await ContactServer.StartAsync();
        var queue = server.Services.GetRequiredService<NotificationQueue>();
        Assert.False(queue.IsEnabled);
        Assert.Empty(queue.EnabledNotifiers);
    }

    [Fact]
    public async Task Configured_notifiers_are_on()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var settings = WebhookNotificationTests.WebhookSettings(receiver.Url);
        foreach (var (key, value) in EmailNotificationTests.EmailSettings(2525))
        {
            settings[key] = value;
        }

        await using var server = await ContactServer.StartAsync(settings);
        Assert.Equal(["email", "webhook"], server.Services.GetRequiredService<NotificationQueue>().EnabledNotifiers);
    }

    [Fact]
    public async Task A_webhook_url_without_a_secret_stops_the_server_at_start_with_a_sentence()
    {
        var folder = Path.Combine(Path.GetTempPath(), "blazorcontact-tests", Guid.NewGuid().ToString("N"));
        await using var app = ContactApp.Create([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Contact"] = $"Data Source={Path.Combine(folder, "contact.db")}",
                ["Notifications:Webhook:Url"] = "http://127.0.0.1:9/hook",
            });
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains("Notifications:Webhook:Secret must be set when Notifications:Webhook:Url is set", error.Message);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
