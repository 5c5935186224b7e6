using System.Net;
using BlazorContact.Tests.Support;

namespace BlazorContact.Tests.Operations;

/// <summary>
/// <c>/metrics</c> as Prometheus scrapes it. The meter is process-wide and other tests run beside these, so traffic
/// is checked as "moved by at least what this test sent", never as an exact total.
/// </summary>
public sealed class MetricsTests
{
    [Fact]
    public async Task Metrics_is_prometheus_text_with_every_instrument_of_the_meter()
    {
        await using var server = await ContactServer.StartAsync();
        await using (var client = await server.ConnectAsync())
        {
            await client.ChatAsync("你好，这个博客系统是怎么搭建的？");
            await client.SendTextAsync("{not json");
            await client.ExpectAsync("error");
        }

        using var http = new HttpClient { BaseAddress = server.HttpUri };
        using var response = await http.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var metrics = PrometheusText.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("gauge", metrics.Types["blazorcontact_connections"]);
        Assert.Equal("counter", metrics.Types["blazorcontact_messages_in_total"]);
        Assert.Equal("counter", metrics.Types["blazorcontact_messages_out_total"]);
        Assert.Equal("counter", metrics.Types["blazorcontact_acks_total"]);
        Assert.Equal("counter", metrics.Types["blazorcontact_errors_total"]);
        metrics.AssertHistogram("blazorcontact_ack_latency_seconds");
        metrics.AssertHistogram("blazorcontact_assistant_latency_seconds");
        metrics.AssertHistogram("blazorcontact_storage_commit_latency_seconds");
        metrics.AssertHistogram("blazorcontact_storage_commit_batch_size");
    }

    [Fact]
    public async Task Counters_and_histograms_move_with_real_websocket_traffic()
    {
        await using var server = await ContactServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.HttpUri };
        var before = await ScrapeAsync(http);

        await using var client = await server.ConnectAsync();
        var during = await ScrapeAsync(http);
        await client.ChatAsync("你好，这个博客系统是怎么搭建的？", "m-1");
        await client.ChatAsync("能介绍一下使用的技术栈吗？", "m-2");
        await client.SendPingAsync();
        await client.ExpectAsync("pong");
        await client.SendTextAsync("{not json");
        await client.ExpectAsync("error");
        var after = await ScrapeAsync(http);

        Assert.True(during.Value("blazorcontact_connections") >= 1, "an open connection is counted");
        AssertMoved(before, after, 2, "blazorcontact_messages_in_total", ("type", "chat_message"));
        AssertMoved(before, after, 1, "blazorcontact_messages_in_total", ("type", "ping"));
        AssertMoved(before, after, 2, "blazorcontact_acks_total", ("type", "chat_message_received"));
        AssertMoved(before, after, 2, "blazorcontact_messages_out_total", ("type", "chat_message_received"));
        AssertMoved(before, after, 2, "blazorcontact_messages_out_total", ("type", "chat_message"));
        AssertMoved(before, after, 1, "blazorcontact_messages_out_total", ("type", "pong"));
        AssertMoved(before, after, 1, "blazorcontact_errors_total", ("code", "invalid_json"));
        AssertMoved(before, after, 2, "blazorcontact_ack_latency_seconds_count", ("type", "chat_message_received"));
        Assert.True(after.Value("blazorcontact_ack_latency_seconds_sum", ("type", "chat_message_received"))
            > before.Value("blazorcontact_ack_latency_seconds_sum", ("type", "chat_message_received")), "ack latency adds up");
        AssertMoved(before, after, 2, "blazorcontact_assistant_latency_seconds_count");
        // Two messages and two replies: at least one commit, at most four.
        AssertMoved(before, after, 1, "blazorcontact_storage_commit_latency_seconds_count");
        Assert.True(after.Value("blazorcontact_storage_commit_batch_size_sum") - before.Value("blazorcontact_storage_commit_batch_size_sum") >= 4,
            "the four writes are in the batch sizes");
    }

    [Fact]
    public async Task Metrics_are_not_served_to_a_visitor_forwarded_by_the_proxy()
    {
        await using var server = await ContactServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.HttpUri };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("# TYPE", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_disabled_serves_no_metrics()
    {
        await using var server = await ContactServer.StartAsync(new Dictionary<string, string?> { ["Metrics:Enabled"] = "false" });
        using var http = new HttpClient { BaseAddress = server.HttpUri };

        using var response = await http.GetAsync("/metrics");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("# TYPE", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<PrometheusText> ScrapeAsync(HttpClient http)
    {
        using var response = await http.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return PrometheusText.Parse(await response.Content.ReadAsStringAsync());
    }

    private static void AssertMoved(PrometheusText before, PrometheusText after, double atLeast, string name, params (string Name, string Value)[] labels)
    {
        var moved = after.Value(name, labels) - before.Value(name, labels);
        Assert.True(moved >= atLeast, $"{name}{{{string.Join(",", labels.Select(l => $"{l.Name}=\"{l.Value}\""))}}} moved by {moved}, expected at least {atLeast}");
    }
}
