using System.Diagnostics;
using BlazorContact.Tests.Support;

namespace BlazorContact.Tests.Notifications;

public sealed class SlowNotifierTests
{
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

        settings["Notifications:AttemptTimeout"] = "00:00:01";
        settings["Notifications:InitialBackoff"] = "00:00:00.100";
        settings["Notifications:MaxAttempts"] = "20";
        await using var server = await ContactServer.StartAsync(settings);
        await using var client = await server.ConnectAsync();

        // The first request warms up the code path; every one of them is timed.
        var latencies = new List<double>();
        for (var i = 0; i < 6; i++)
        {
            var watch = Stopwatch.StartNew();
            await client.SendAsync(new { type = "contact_request", message = $"request {i}", timestamp = "2025-01-01T12:00:00", userAgent = "test", email = "ada@example.com" });
            await client.ExpectAsync("contact_request_received");
            latencies.Add(watch.Elapsed.TotalMilliseconds);
        }

        // An ack that waited on either notifier would take the 1 s attempt timeout at least.
        Assert.True(latencies.Skip(1).All(ms => ms < 500), $"ack latencies (ms): {string.Join(", ", latencies.Select(ms => ms.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))}");
        Assert.True(latencies[0] < 1000, $"first ack took {latencies[0]:F0} ms");

        // Meanwhile the queue times each attempt out and tries again, for both notifiers.
        var deadline = Stopwatch.StartNew();
        while ((smtp.Connections < 3 || webhook.Count < 3) && deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(100);
        }

        Assert.True(smtp.Connections >= 3, $"SMTP attempts: {smtp.Connections}");
        Assert.True(webhook.Count >= 3, $"webhook attempts: {webhook.Count}");
    }
}
