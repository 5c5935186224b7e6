using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using BlazorContact.Tests.Support;
using Xunit.Abstractions;

namespace BlazorContact.Tests.Cluster;

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Cluster";
}

/// <summary>
/// Two instances behind nginx on one PostgreSQL and one Redis (<see cref="ClusterFixture"/>): what a visitor
/// and the owner see when they are on different instances, when an instance is killed, and when Redis goes
/// away. Each test leaves the cluster whole again (everything running) for the next.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterTests(ClusterFixture cluster, ITestOutputHelper output)
{
    [Fact]
    public async Task A_visitor_through_nginx_on_A_and_the_owner_on_B_talk_live_both_ways()
    {
        await using var visitor = await cluster.VisitorThroughNginxOnAsync(cluster.A, "visitor on A");
        var question = await visitor.ChatAsync("How do I set up a Raspberry Pi?", "q1");

        // The owner on B reads the visitor's message from the shared database, and answers.
        Assert.Contains(await cluster.MessagesAsync(cluster.B, visitor.ConversationId!), m => m.Id == question && m.Sender == "visitor");
        // Interleaved, owner on B (across instances) and owner on A (the same instance as the visitor) as the
        // baseline of the same run: what crossing instances adds. Printed, not asserted (this is a test, not a bench).
        var across = new List<double>();
        var same = new List<double>();
        for (var i = 0; i < 40; i++)
        {
            foreach (var (owner, times) in new[] { (cluster.B, across), (cluster.A, same) })
            {
                var clock = Stopwatch.StartNew();
                var reply = await cluster.OwnerReplyAsync(owner, visitor.ConversationId!, $"owner reply {i} from {owner.Name}");
                Assert.True(await visitor.WaitForReplyAsync(reply, TimeSpan.FromSeconds(10)), $"owner reply {reply} from {owner} never reached the visitor on A");
                times.Add(clock.Elapsed.TotalMilliseconds);
                Assert.Equal("owner", visitor.Replies[reply].GetProperty("sender").GetString());
            }
        }

        // And the visitor writes again: the conversation carries on across the two instances.
        await visitor.ChatAsync("Thanks! One more question about sourdough.", "q2");
        Assert.True(await ClusterFixture.MetricAsync(cluster.A, "blazorcontact_backplane_lag_seconds_count") > 0, "A's /metrics shows no backplane lag samples");
        output.WriteLine($"owner reply, API call to the visitor's frame: on B (across) {Describe(across)}; on A (same instance) {Describe(same)}; " +
            $"p50 ratio across/same {Percentile(across, 0.5) / Percentile(same, 0.5):F2}");
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * p))];
    }

    private static string Describe(List<double> values) =>
        $"p50 {Percentile(values, 0.5):F1} ms, p99 {Percentile(values, 0.99):F1} ms, max {values.Max():F1} ms (n={values.Count})";

    [Fact]
    public async Task An_announcement_from_B_reaches_visitors_on_both_instances()
    {
        await using var onA = await cluster.VisitorThroughNginxOnAsync(cluster.A, "visitor on A");
        await using var onB = await cluster.VisitorThroughNginxOnAsync(cluster.B, "visitor on B");
        var text = $"Back in ten minutes ({Guid.NewGuid():N})";
        using var http = cluster.OwnerApi(cluster.B);
        using var response = await http.PostAsJsonAsync("/api/v1/announcements", new { text });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());

        Assert.True(await onA.WaitForAnnouncementAsync(text, TimeSpan.FromSeconds(10)), "the visitor on A never got B's announcement");
        Assert.True(await onB.WaitForAnnouncementAsync(text, TimeSpan.FromSeconds(10)), "the visitor on B never got B's announcement");
    }

    [Fact]
    public async Task The_inbox_on_B_and_the_inbox_through_nginx_show_a_visitor_on_A_live()
    {
        await using var chromium = new Chromium();
        await chromium.InitializeAsync();
        await using var context = await chromium.Browser.NewContextAsync(new() { IgnoreHTTPSErrors = true, ViewportSize = new() { Width = 1280, Height = 800 } });
        // B directly (the owner on B), and through nginx, where /_blazor must stick to the instance holding the circuit.
        var onB = await OpenInboxAsync(context, new Uri(cluster.B.HttpUri, "/inbox?lang=en"));
        var throughNginx = await OpenInboxAsync(context, new Uri(cluster.Nginx.HttpsUri, "/inbox?lang=en"));

        await using var visitor = await cluster.VisitorThroughNginxOnAsync(cluster.A, "visitor on A");
        await visitor.ChatAsync($"Is the inbox live? {Guid.NewGuid():N}", "live");
        foreach (var page in new[] { onB, throughNginx })
        {
            await page.Locator($"[data-conversation='{visitor.ConversationId}']").WaitForAsync(new() { Timeout = 10_000 });
        }

        await onB.ScreenshotAsync(new() { Path = RepositoryPaths.Of("docs", "screenshots", "cluster-inbox-on-b.png") });
    }

    private static async Task<Microsoft.Playwright.IPage> OpenInboxAsync(Microsoft.Playwright.IBrowserContext context, Uri inbox)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(inbox.ToString());
        if (new Uri(page.Url).AbsolutePath != "/inbox")
        {
            await page.Locator("input[type=password]").FillAsync(ClusterFixture.Password);
            await page.Keyboard.PressAsync("Enter");
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/inbox");
        }

        await page.Locator(".inbox[data-interactive=true]").WaitForAsync(new() { Timeout = 20_000 });
        return page;
    }

    [Fact]
    public async Task The_owner_signed_in_on_one_instance_is_signed_in_on_the_other_even_after_Redis_is_wiped()
    {
        using var owner = new Auth.OwnerHttpClient(cluster.A.HttpUri);
        using (await owner.SignInAsync(ClusterFixture.Password))
        {
            Assert.NotNull(owner.OwnerCookie);
        }

        await cluster.Redis.FlushAllAsync();
        // The cookie jar sends the same cookie to B (same host, another port): B reads it with the key ring in the database.
        using var onB = new Auth.OwnerHttpClient(cluster.B.HttpUri, owner.Cookies);
        using var inbox = await onB.GetAsync("/inbox");
        Assert.Equal(HttpStatusCode.OK, inbox.StatusCode);
    }

    [Fact]
    public async Task Killing_an_instance_under_load_loses_nothing_and_its_visitors_resume_on_the_other()
    {
        var visitors = new List<ResumingVisitor>();
        for (var i = 0; i < 3; i++)
        {
            visitors.Add(await cluster.VisitorThroughNginxOnAsync(cluster.A, $"visitor {i} on A"));
        }

        visitors.Add(await cluster.VisitorThroughNginxOnAsync(cluster.B, "visitor on B"));
        try
        {
            // A conversation exists from its first message on; the owner can answer it from then.
            foreach (var visitor in visitors)
            {
                await visitor.ChatAsync("hello", $"{visitor.Name}-hello");
            }

            using var stop = new CancellationTokenSource();
            using var loadEnds = new CancellationTokenSource();
            var ownerReplies = visitors.ToDictionary(v => v, _ => new List<long>());
            var load = visitors.Select(visitor => Task.Run(async () =>
            {
                // Bounded, and running until well after the kill, so A dies mid-conversation.
                for (var n = 0; n < 5_000 && !loadEnds.IsCancellationRequested; n++)
                {
                    await visitor.ChatAsync($"{visitor.Name}: question {n} about the Raspberry Pi", $"{visitor.Name}-{n}");
                }
            })).ToArray();
            // The owner on B keeps answering everyone while A dies.
            var owner = Task.Run(async () =>
            {
                var n = 0;
                while (!stop.IsCancellationRequested)
                {
                    foreach (var visitor in visitors)
                    {
                        ownerReplies[visitor].Add(await cluster.OwnerReplyAsync(cluster.B, visitor.ConversationId!, $"owner note {n++}"));
                    }

                    await Task.Delay(50);
                }
            });

            await Task.Delay(TimeSpan.FromSeconds(2));
            var killedAt = Stopwatch.StartNew();
            await cluster.A.KillAsync();
            await Task.Delay(TimeSpan.FromSeconds(4));
            loadEnds.Cancel();
            await Task.WhenAll(load);
            stop.Cancel();
            await owner;

            foreach (var visitor in visitors)
            {
                await visitor.ChatAsync("last one", $"{visitor.Name}-last");
                var stored = await cluster.MessagesAsync(cluster.B, visitor.ConversationId!);
                var storedIds = stored.Select(m => m.Id).ToHashSet();
                var lostAcks = visitor.Acknowledged.Values.Where(id => !storedIds.Contains(id)).ToList();
                Assert.True(lostAcks.Count == 0, $"{visitor}: acknowledged but not stored: {string.Join(", ", lostAcks)}");
                foreach (var question in visitor.Acknowledged.Values)
                {
                    Assert.Contains(stored, m => m.ReplyTo == question && m.Sender == "assistant");
                }

                foreach (var reply in stored.Where(m => m.Sender != "visitor").Select(m => m.Id))
                {
                    Assert.True(await visitor.WaitForReplyAsync(reply, TimeSpan.FromSeconds(15)), $"{visitor}: stored reply {reply} never reached the visitor");
                }

                Assert.Equal(ownerReplies[visitor].Count, stored.Count(m => m.Sender == "owner"));
            }

            var onA = visitors.Take(3).ToList();
            Assert.All(onA, visitor => Assert.True(visitor.Reconnects >= 1, $"{visitor} was on A but never reconnected"));
            output.WriteLine(
                $"killed A; its {onA.Count} visitors resumed on B in {string.Join(", ", onA.SelectMany(v => v.Recoveries).Select(t => $"{t.TotalMilliseconds:F0} ms"))}; " +
                $"{visitors.Sum(v => v.Acknowledged.Count)} messages acknowledged, {ownerReplies.Values.Sum(l => l.Count)} owner replies, 0 lost; " +
                $"{killedAt.Elapsed.TotalSeconds:F1} s from the kill to the end of the load");
        }
        finally
        {
            foreach (var visitor in visitors)
            {
                await visitor.DisposeAsync();
            }

            if (!cluster.A.IsRunning)
            {
                await cluster.A.StartAsync();
            }
        }
    }

    [Fact]
    public async Task With_Redis_down_each_instance_serves_its_own_visitors_and_delivers_what_it_missed_when_Redis_returns()
    {
        await using var visitor = await cluster.VisitorThroughNginxOnAsync(cluster.A, "visitor on A");
        await visitor.ChatAsync("hello before the outage", "before");
        try
        {
            await cluster.Redis.StopAsync();
            var down = Stopwatch.StartNew();

            // A alone still stores, acknowledges and answers its visitor.
            await visitor.ChatAsync("hello during the outage", "during");
            await Eventually.UntilAsync(async () => await ReadyStatusAsync(cluster.A) == HttpStatusCode.ServiceUnavailable, "A's /readyz to say not ready", TimeSpan.FromSeconds(10));
            var notReadyAfter = down.Elapsed;

            // The owner on B answers during the outage: stored now, announced to A only once Redis is back.
            var missed = await cluster.OwnerReplyAsync(cluster.B, visitor.ConversationId!, "written on B while Redis was down");

            await cluster.Redis.StartAgainAsync();
            var back = Stopwatch.StartNew();
            Assert.True(await visitor.WaitForReplyAsync(missed, TimeSpan.FromSeconds(30)), "the reply written during the outage never reached the visitor");
            var deliveredAfter = back.Elapsed;
            await Eventually.UntilAsync(async () => await ReadyStatusAsync(cluster.A) == HttpStatusCode.OK, "A's /readyz to be ready again", TimeSpan.FromSeconds(30));

            // And live delivery across instances works again, by itself.
            var live = await cluster.OwnerReplyAsync(cluster.B, visitor.ConversationId!, "after the outage");
            Assert.True(await visitor.WaitForReplyAsync(live, TimeSpan.FromSeconds(10)), "no live delivery after Redis came back");
            output.WriteLine($"Redis stopped: A not ready after {notReadyAfter.TotalSeconds:F1} s; Redis started: the outage's reply delivered after {deliveredAfter.TotalSeconds:F1} s, ready after {back.Elapsed.TotalSeconds:F1} s");
        }
        finally
        {
            if (!cluster.Redis.IsRunning)
            {
                await cluster.Redis.StartAgainAsync();
            }
        }
    }

    private static async Task<HttpStatusCode> ReadyStatusAsync(Support.AppProcess instance)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await http.GetAsync(new Uri(instance.HttpUri, "/readyz"));
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    }
}
