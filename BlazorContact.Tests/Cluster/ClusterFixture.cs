using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using BlazorContact.Tests.Auth;
using BlazorContact.Tests.Support;
using BlazorContact.Web.Auth;

namespace BlazorContact.Tests.Cluster;

/// <summary>
/// The deployment the README's "Deploy" section builds, for real: PostgreSQL, Redis, two server processes
/// (A and B) on one database and one Redis, and nginx in front with TLS, rendered from
/// <c>deploy/nginx/blazorcontact.conf</c>. The owner signs in on B and gets an API token there.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const string Password = "correct horse battery staple";

    public PostgresServer Postgres { get; } = new();

    public RedisServer Redis { get; private set; } = null!;

    public SelfSignedCertificate Certificate { get; private set; } = null!;

    public AppProcess A { get; private set; } = null!;

    public AppProcess B { get; private set; } = null!;

    public NginxServer Nginx { get; private set; } = null!;

    public string DatabaseConnectionString { get; private set; } = null!;

    /// <summary>An owner API token created on B.</summary>
    public string OwnerToken { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Postgres.InitializeAsync();
        DatabaseConnectionString = await Postgres.CreateDatabaseAsync();
        Redis = await RedisServer.StartAsync();
        Certificate = await SelfSignedCertificate.CreateAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["ConnectionStrings:Contact"] = DatabaseConnectionString,
            ["Redis:Configuration"] = Redis.Configuration,
            ["Owner:PasswordHash"] = new OwnerPasswordHasher().Hash(Password),
        };
        // One after the other: the second start finds the schema migrated by the first.
        A = await AppProcess.StartAsync("a", settings);
        B = await AppProcess.StartAsync("b", settings);
        Nginx = await NginxServer.StartAsync([$"127.0.0.1:{A.Port}", $"127.0.0.1:{B.Port}"], Certificate);
        OwnerToken = await CreateTokenAsync(B);
    }

    public async Task DisposeAsync()
    {
        if (Nginx is not null)
        {
            await Nginx.DisposeAsync();
        }

        if (A is not null)
        {
            await A.DisposeAsync();
        }

        if (B is not null)
        {
            await B.DisposeAsync();
        }

        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }

        await Postgres.DisposeAsync();
        Certificate?.Dispose();
    }

    /// <summary>A WebSocket that trusts this cluster's self-signed certificate (the browser's "trusted CA").</summary>
    public ClientWebSocket NewSocket()
    {
        var socket = new ClientWebSocket();
        socket.Options.RemoteCertificateValidationCallback = (_, presented, _, _) => Certificate.Validate(presented);
        return socket;
    }

    /// <summary>A visitor connected through nginx over <c>wss://</c>, with its first message answered.</summary>
    public async Task<ResumingVisitor> VisitorThroughNginxAsync(string name)
    {
        var visitor = new ResumingVisitor(name, Nginx.ContactUri, NewSocket);
        await visitor.ConnectAsync();
        return visitor;
    }

    /// <summary>
    /// A visitor through nginx that landed on <paramref name="instance"/>: nginx spreads <c>/contact</c> round
    /// robin, so connect until one does (told by the instance's own open-connection gauge).
    /// </summary>
    public async Task<ResumingVisitor> VisitorThroughNginxOnAsync(AppProcess instance, string name)
    {
        var spare = new List<ResumingVisitor>();
        try
        {
            for (var attempt = 0; attempt < 6; attempt++)
            {
                var before = await OpenConnectionsAsync(instance);
                var visitor = await VisitorThroughNginxAsync($"{name}#{attempt}");
                var landed = false;
                try
                {
                    await Eventually.UntilAsync(async () => await OpenConnectionsAsync(instance) > before, "the gauge to move", TimeSpan.FromSeconds(2));
                    landed = true;
                }
                catch (Xunit.Sdk.XunitException)
                {
                    // Not this one: it went to the other instance.
                }

                if (landed)
                {
                    return visitor;
                }

                spare.Add(visitor);
            }

            throw new InvalidOperationException($"no connection through nginx landed on {instance} in 6 tries");
        }
        finally
        {
            foreach (var visitor in spare)
            {
                await visitor.DisposeAsync();
            }
        }
    }

    /// <summary>The instance's <c>blazorcontact_connections</c> gauge from its own <c>/metrics</c>.</summary>
    public static Task<double> OpenConnectionsAsync(AppProcess instance) => MetricAsync(instance, "blazorcontact_connections");

    /// <summary>The sum of a metric's samples (all label sets) in the instance's <c>/metrics</c>.</summary>
    public static async Task<double> MetricAsync(AppProcess instance, string name)
    {
        using var http = new HttpClient();
        var text = await http.GetStringAsync(new Uri(instance.HttpUri, "/metrics"));
        return text.Split('\n')
            .Where(line => line.StartsWith(name + " ", StringComparison.Ordinal) || line.StartsWith(name + "{", StringComparison.Ordinal))
            .Select(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture))
            .Sum();
    }

    /// <summary>An HTTP client for the owner API of <paramref name="instance"/>, with the owner's token.</summary>
    public HttpClient OwnerApi(AppProcess instance)
    {
        var http = new HttpClient { BaseAddress = instance.HttpUri, Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OwnerToken);
        return http;
    }

    /// <summary>The owner replies through the API of <paramref name="instance"/>; returns the stored message id.</summary>
    public async Task<long> OwnerReplyAsync(AppProcess instance, string conversationId, string text)
    {
        using var http = OwnerApi(instance);
        using var response = await http.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/messages", new { text });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"reply on {instance}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("message_id").GetInt64();
    }

    /// <summary>Every message of a conversation as the API of <paramref name="instance"/> reads it from the database.</summary>
    public async Task<List<(long Id, string Sender, long? ReplyTo)>> MessagesAsync(AppProcess instance, string conversationId)
    {
        using var http = OwnerApi(instance);
        var body = await http.GetStringAsync($"/api/v1/conversations/{conversationId}");
        var messages = new List<(long, string, long?)>();
        foreach (var entry in JsonDocument.Parse(body).RootElement.GetProperty("timeline").EnumerateArray())
        {
            if (entry.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object)
            {
                var replyTo = message.TryGetProperty("reply_to", out var to) && to.ValueKind == JsonValueKind.Number ? to.GetInt64() : (long?)null;
                messages.Add((message.GetProperty("id").GetInt64(), message.GetProperty("sender").GetString()!, replyTo));
            }
        }

        return messages;
    }

    /// <summary>Signs in on the instance as a browser would, then creates an API token with the cookie (and the CSRF header).</summary>
    private static async Task<string> CreateTokenAsync(AppProcess instance)
    {
        using var owner = new OwnerHttpClient(instance.HttpUri);
        using (var signIn = await owner.SignInAsync(Password))
        {
            Assert.NotNull(owner.OwnerCookie);
        }

        using var http = new HttpClient(new HttpClientHandler { CookieContainer = owner.Cookies }) { BaseAddress = instance.HttpUri };
        http.DefaultRequestHeaders.Add(OwnerApiCsrfHeader, "1");
        using var response = await http.PostAsJsonAsync("/api/v1/tokens", new { name = "cluster tests" });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"token on {instance}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("secret").GetString()!;
    }

    private const string OwnerApiCsrfHeader = "X-BlazorContact-Csrf";
}
