using System.Diagnostics;
using System.Globalization;
using BlazorContact.Core.Protocol;
using BlazorContact.Tests.Support;
using Microsoft.Extensions.Time.Testing;

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
        // The attempt timeout and the backoff run on the server's clock, which the test moves.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await ContactServer.StartAsync(settings, time: time);
        await using var client = await server.ConnectAsync();

        var latencies = new List<double>();
        for (var i = 0; i < 7; i++)
        {
            var watch = Stopwatch.StartNew();
            await client.SendAsync(new ContactRequest($"request {i}", "2025-01-01T12:00:00", "test", Email: "ada@example.com"));
            await client.ExpectAsync("contact_request_received");
            latencies.Add(watch.Elapsed.TotalMilliseconds);
        }

        var report = $"ack latencies (ms): {string.Join(", ", latencies.Select(ms => ms.ToString("F0", CultureInfo.InvariantCulture)))}";
        // The server's clock has not moved, so no attempt has timed out yet: an ack that waited on a
        // notifier would not have come at all. None comes near the attempt timeout either.
        Assert.True(latencies.All(ms => ms < AttemptTimeout.TotalMilliseconds / 2), report);
        // And acks stay fast (the median, after the first warms up the code path: CI's 2 cores are shared).
        Assert.True(latencies.Skip(1).Order().ElementAt(3) < 500, report);

        // Moving the clock, the queue cuts each attempt off at the timeout and tries again, for both notifiers.
        await Eventually.UntilAsync(
            () =>
            {
                var retried = smtp.Connections >= 2 && webhook.Count >= 2;
                if (!retried)
                {
                    time.Advance(TimeSpan.FromSeconds(1));
                }

                return retried;
            },
            "a second attempt of both notifiers after the first timed out");
    }
}
