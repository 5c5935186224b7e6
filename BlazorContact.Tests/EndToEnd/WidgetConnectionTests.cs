using System.Text.Json;
using System.Text.RegularExpressions;
using BlazorContact.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace BlazorContact.Tests.EndToEnd;

/// <summary>
/// The widget's connection timing (app-level ping, backoff) under Playwright's fake clock, so tens of
/// seconds of the page's time pass in a moment. The sockets and the server are real.
/// </summary>
[Collection(WidgetCollection.Name)]
public sealed class WidgetConnectionTests(Chromium chromium, ITestOutputHelper output) : IAsyncLifetime
{
    // Every WebSocket the page creates, with the page's (fake) times it was created and closed.
    private const string RecordSockets = """
        window.__sockets = [];
        const RealWebSocket = window.WebSocket;
        window.WebSocket = function (url, protocols) {
          const socket = new RealWebSocket(url, protocols), entry = { at: Date.now(), closedAt: null };
          window.__sockets.push(entry);
          socket.addEventListener('close', () => entry.closedAt = Date.now());
          return socket;
        };
        window.WebSocket.prototype = RealWebSocket.prototype;
        """;

    private ContactServer _server = null!;

    public async Task InitializeAsync() => _server = await ContactServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_missed_pong_counts_as_a_dead_connection_and_the_widget_reconnects()
    {
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var connections = 0;
        var pongsSwallowed = 0;
        // The first connection stays open but stops answering pings, like a peer behind a dead NAT entry.
        await page.RouteWebSocketAsync(new Regex("/contact$"), socket =>
        {
            var attempt = Interlocked.Increment(ref connections);
            var server = socket.ConnectToServer();
            socket.OnMessage(frame => server.Send(frame.Text!));
            server.OnMessage(frame =>
            {
                if (attempt == 1 && frame.Text!.Contains("\"pong\"", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref pongsSwallowed);
                    return;
                }

                socket.Send(frame.Text!);
            });
        });
        var widget = await OpenWithFakeClockAsync(page);

        await page.Clock.RunForAsync(25_000);
        await widget.WaitForStateAsync("online");
        Assert.Equal(1, connections);
        await page.Clock.RunForAsync(20_000);
        await widget.WaitForStateAsync("offline");
        await page.Clock.RunForAsync(1_000);
        await widget.WaitForStateAsync("online");

        Assert.Equal(2, connections);
        Assert.Equal(1, pongsSwallowed);
    }

    [Fact]
    public async Task Reconnect_attempts_back_off_exponentially_with_jitter_and_a_30_second_cap()
    {
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        // Not with RouteWebSocketAsync in the same page: both replace window.WebSocket.
        await page.AddInitScriptAsync(RecordSockets);
        var widget = await OpenWithFakeClockAsync(page);

        await _server.StopAsync();
        await widget.WaitForStateAsync("offline");
        // Three minutes of the page's time, a quarter second at a time, letting each refused attempt close.
        for (var step = 0; step < 720; step++)
        {
            await page.Clock.RunForAsync(250);
            await page.WaitForFunctionAsync("() => window.__sockets.every(s => s.closedAt !== null)");
        }

        // Each delay runs from one attempt's failure to the next attempt.
        var gaps = (await page.EvaluateAsync<JsonElement>("() => window.__sockets.slice(1).map((s, i) => (s.at - window.__sockets[i].closedAt) / 1000)"))
            .EnumerateArray().Select(gap => gap.GetDouble()).ToList();
        output.WriteLine("seconds between attempts: " + string.Join(", ", gaps.Select(gap => gap.ToString("F2"))));
        for (var i = 0; i < gaps.Count; i++)
        {
            var ceiling = Math.Min(30, Math.Pow(2, i));
            // Each delay is jittered between half and all of its ceiling.
            Assert.InRange(gaps[i], ceiling / 2, ceiling);
        }

        // 180 s at 0.5–1, 1–2, 4–8 … then 15–30 s apart: no fewer than 10 attempts, no more than 16.
        Assert.InRange(gaps.Count, 10, 16);
    }

    private async Task<WidgetPage> OpenWithFakeClockAsync(IPage page)
    {
        // The page's time moves only when the test moves it (nothing is scheduled yet, so the jump is harmless).
        var start = DateTime.UtcNow;
        await page.Clock.InstallAsync(new() { TimeDate = start });
        await page.Clock.PauseAtAsync(start.AddSeconds(10));
        await page.GotoAsync(_server.HttpUri + "demo/static-blog.html?lang=en");
        // The button is drawn when the page is idle, at most 2 s after load.
        await page.Clock.RunForAsync(2_000);
        var widget = new WidgetPage(page);
        await widget.OpenAsync();
        await widget.WaitForStateAsync("online");
        return widget;
    }
}
