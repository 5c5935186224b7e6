using System.Net;
using System.Reflection;
using System.Text.Json;
using BlazorContact.Core.Health;
using BlazorContact.Core.Storage;
using BlazorContact.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorContact.Tests.Operations;

public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Readyz_is_200_when_the_database_answers_a_real_read()
    {
        await using var server = await ContactServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.HttpUri };

        using var response = await http.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("ready", body.GetProperty("status").GetString());
        var database = body.GetProperty("checks").GetProperty("database");
        Assert.True(database.GetProperty("ready").GetBoolean());
        Assert.Equal("ok", database.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Readyz_is_503_naming_the_check_that_is_not_ready_while_healthz_stays_200()
    {
        await using var server = await ContactServer.StartAsync(services: services =>
            services.AddSingleton<IReadinessCheck>(new FixedCheck("backplane", ReadinessResult.Unhealthy("probe not received"))));
        using var http = new HttpClient { BaseAddress = server.HttpUri };

        using var ready = await http.GetAsync("/readyz");
        using var health = await http.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("not ready", body.GetProperty("status").GetString());
        Assert.False(body.GetProperty("checks").GetProperty("backplane").GetProperty("ready").GetBoolean());
        Assert.Equal("probe not received", body.GetProperty("checks").GetProperty("backplane").GetProperty("detail").GetString());
        Assert.True(body.GetProperty("checks").GetProperty("database").GetProperty("ready").GetBoolean());
        // The process is fine: a supervisor must not restart it because a dependency is down.
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("ok", JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Readyz_gives_up_on_a_check_that_never_answers_after_the_check_timeout()
    {
        var never = new TaskCompletionSource<ReadinessResult>();
        await using var server = await ContactServer.StartAsync(
            new Dictionary<string, string?> { ["Health:CheckTimeout"] = "00:00:00.300" },
            services: services => services.AddSingleton<IReadinessCheck>(new FixedCheck("stuck", never.Task)));
        using var http = new HttpClient { BaseAddress = server.HttpUri, Timeout = TimeSpan.FromSeconds(10) };

        var watch = System.Diagnostics.Stopwatch.StartNew();
        using var response = await http.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        var stuck = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("checks").GetProperty("stuck");
        Assert.False(stuck.GetProperty("ready").GetBoolean());
        Assert.Contains("no answer within 0.3 s", stuck.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Database_check_is_not_ready_when_the_store_cannot_be_read()
    {
        var check = new DatabaseReadinessCheck(UnreadableStore.Create());

        var result = await check.CheckAsync(CancellationToken.None);

        Assert.False(result.Ready);
        Assert.Contains("database is locked", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Database_check_reads_through_the_store()
    {
        await using var server = await ContactServer.StartAsync();
        var check = new DatabaseReadinessCheck(server.Services.GetRequiredService<IConversationStore>());

        var result = await check.CheckAsync(CancellationToken.None);

        Assert.True(result.Ready, result.Detail);
    }

    private sealed class FixedCheck(string name, Task<ReadinessResult> result) : IReadinessCheck
    {
        public FixedCheck(string name, ReadinessResult result)
            : this(name, Task.FromResult(result))
        {
        }

        public string Name => name;

        // Ignores the token on purpose: /readyz must not depend on a check honouring it.
        public Task<ReadinessResult> CheckAsync(CancellationToken cancellationToken) => result;
    }

    /// <summary>A store every call of which fails as a locked or unreachable database does.</summary>
    public class UnreadableStore : DispatchProxy
    {
        public static IConversationStore Create() => Create<IConversationStore, UnreadableStore>();

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            throw new StorageUnavailableException("database is locked", new IOException("busy"));
    }
}
