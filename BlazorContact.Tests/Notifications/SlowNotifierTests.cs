using System.Diagnostics;
using System.Globalization;
using BlazorContact.Tests.Support;

namespace BlazorContact.Tests.Notifications;

public sealed class SlowNotifierTests
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task Acks_do_not_wait_for_notifiers_that_hang_and_the_queue_keeps_retrying()
    {
        await using var smtp = new SilentTcpServer();
        await using var webhook = await WebhookReceiver.StartHangingAsync();
        var settings = EmailNotificationTests.EmailSettings(smtp.Port);
        foreach (var (key, value) in WebhookNotificationTests.WebhookSettings(webhook.Url))
        {
            settings[key] = value;
        }

        settings["Notifications:AttemptTimeout"] = AttemptTimeout.ToString();
        settings["Notifications:InitialBackoff"] = "00:00:00.100";
        settings["Notifications:MaxAttempts"] = "20";
        await using var server = await ContactServer.StartAsync(settings);
        await using var client = await server.ConnectAsync();

        var latencies = new List<double>();
        for (var i = 0; i < 7; i++)
        {
            var watch = Stopwatch.StartNew();
            await client.SendAsync(new { type = "contact_request", message = $"request {i}", timestamp = "2025-01-01T12:00:00", userAgent = "test", email = "ada@example.com" });
            await client.ExpectAsync("contact_request_received");
            latencies.Add(watch.Elapsed.TotalMilliseconds);
        }

        var report = $"ack latencies (ms): {string.Join(", ", latencies.Select(ms => ms.ToString("F0", CultureInfo.InvariantCulture)))}";
        // An ack that waited on either notifier would take the whole attempt timeout: none comes near it.
        Assert.True(latencies.All(ms => ms < AttemptTimeout.TotalMilliseconds / 2), report);
        // And acks stay fast (the median, after the first warms up the code path: CI's 2 cores are shared).
        Assert.True(latencies.Skip(1).Order().ElementAt(3) < 500, report);

        // Meanwhile the queue cuts each attempt off at the timeout and tries again, for both notifiers.
        var deadline = Stopwatch.StartNew();
        while ((smtp.Connections < 2 || webhook.Count < 2) && deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(100);
        }

        Assert.True(smtp.Connections >= 2, $"SMTP attempts: {smtp.Connections}");
        Assert.True(webhook.Count >= 2, $"webhook attempts: {webhook.Count}");
    }
}
