using BlazorContact.Core.Conversations;
using BlazorContact.Core.Events;
using BlazorContact.Core.Inbox;
using BlazorContact.Core.Storage;
using BlazorContact.Tests.Support;
using BlazorContact.Web.Hosting;
using BlazorContact.Web.Components.Pages;
using BlazorContact.Web.Components.Widget;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;
using MudBlazor.Services;

namespace BlazorContact.Tests.Components;

/// <summary>The inbox and the widget rendered by bUnit over a real ContactService, SQLite file and assistant.</summary>
public sealed class InboxComponentTests : IAsyncLifetime
{
    private readonly BunitContext _bunit = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "blazorcontact-bunit", Guid.NewGuid().ToString("N"));
    private ServiceProvider _services = null!;
    private IConversationStore _store = null!;
    private ContactService _contact = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        // The app's own registrations over a real SQLite file: the components get what the server gives them.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Contact"] = $"Data Source={Path.Combine(_folder, "c.db")}",
            ["Contact:RateLimitPerSecond"] = "0",
            ["Limits:NewConversationsPerIpPerHour"] = "0",
            ["Limits:ContactRequestsPerConversationPerHour"] = "0",
            ["Limits:ContactRequestsPerIpPerHour"] = "0",
            ["Assistant:ContentPath"] = RepositoryPaths.Of("BlazorContact.Web", "content", "posts"),
        }).Build();
        _services = new ServiceCollection()
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddContactCore(configuration)
            .BuildServiceProvider();
        _store = _services.GetRequiredService<IConversationStore>();
        await _store.InitializeAsync(CancellationToken.None);
        _contact = _services.GetRequiredService<ContactService>();
        _bunit.Services.AddMudServices();
        _bunit.Services.AddSingleton(_contact);
        _bunit.Services.AddSingleton(_services.GetRequiredService<InboxQueries>());
        _bunit.Services.AddSingleton(_services.GetRequiredService<OwnerDesk>());
        _bunit.Services.AddSingleton(_services.GetRequiredService<OwnerApiTokens>());
        _bunit.Services.AddSingleton(_services.GetRequiredService<IContactEventBus>());
        _bunit.Services.AddSingleton(TimeProvider.System);
        _bunit.Services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        _bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        _bunit.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    public async Task DisposeAsync()
    {
        await _bunit.DisposeAsync();
        await _services.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A refresh still closing its read connection; the OS cleans the temp folder later.
        }
    }

    [Fact]
    public async Task Owner_reply_from_the_inbox_is_stored_and_sent_to_the_visitor()
    {
        var (session, outbound) = await VisitorWhoAskedAsync("你好");
        var inbox = RenderInbox($"?c={session.ConversationId}&lang=zh");

        inbox.Find("textarea[data-testid=reply]").Input("稍等，我来回答");
        await inbox.Find("[data-testid=send]").ClickAsync(new());

        var messages = await _store.GetMessagesAsync(session.ConversationId, CancellationToken.None);
        Assert.Equal(("owner", "稍等，我来回答"), (messages[^1].Sender, messages[^1].Text));
        Assert.Contains("\"sender\":\"owner\"", await LastFrameAsync(outbound), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Takeover_switch_silences_the_assistant()
    {
        var (session, outbound) = await VisitorWhoAskedAsync("hello");
        var inbox = RenderInbox($"?c={session.ConversationId}");

        inbox.Find("input[data-testid=takeover]").Change(true);
        inbox.WaitForAssertion(() => Assert.True(_store.FindConversationAsync(session.ConversationId, CancellationToken.None).Result!.OwnerTookOver));

        await _contact.HandleFrameAsync(session, """{"type":"chat_message","message":"still there?","timestamp":"2026-11-26T12:00:00"}"""u8.ToArray(), CancellationToken.None);
        var messages = await _store.GetMessagesAsync(session.ConversationId, CancellationToken.None);
        Assert.Equal("visitor", messages[^1].Sender);
        Assert.Equal("still there?", messages[^1].Text);
    }

    [Fact]
    public async Task A_contact_request_raises_a_snackbar_and_a_browser_notification()
    {
        var inbox = RenderInbox("?lang=zh");
        var session = _contact.Connect(new VisitorEndpoint("UA", "127.0.0.1", null), new OutboundQueue(64));

        await _contact.HandleFrameAsync(session, """{"type":"contact_request","message":"请联系我","timestamp":"2026-11-26T12:00:00","userAgent":"UA","name":"小王"}"""u8.ToArray(), CancellationToken.None);

        var snackbar = _bunit.Services.GetRequiredService<ISnackbar>();
        inbox.WaitForAssertion(() => Assert.Contains(snackbar.ShownSnackbars, s => s.Message!.Contains("新的联系请求 · 小王", StringComparison.Ordinal)), TimeSpan.FromSeconds(5));
        inbox.WaitForAssertion(() => Assert.Contains(_bunit.JSInterop.Invocations, i => i.Identifier == "blazorContactInbox.notify" && (string)i.Arguments[0]! == "新的联系请求"), TimeSpan.FromSeconds(5));
        inbox.WaitForAssertion(() => Assert.Single(inbox.FindAll("[data-testid=conversation]")));
    }

    [Fact]
    public void The_widget_renders_each_server_message_kind()
    {
        var widget = _bunit.Render<ChatWidget>(p => p.Add(w => w.Lang, "en"));
        widget.Find("[data-testid=widget-open]").Click();
        var at = DateTimeOffset.UtcNow;
        widget.InvokeAsync(() =>
        {
            widget.Instance.Apply(new BlazorContact.Core.Protocol.ChatReply("From the posts", at, "assistant", 2, 1));
            widget.Instance.Apply(new BlazorContact.Core.Protocol.ChatReply("The author here", at, "owner", 3, null));
            widget.Instance.Apply(new BlazorContact.Core.Protocol.ChatReply("The author here", at, "owner", 3, null));
            widget.Instance.Apply(new BlazorContact.Core.Protocol.Announcement("Maintenance at noon", at));
            widget.Instance.Apply(new BlazorContact.Core.Protocol.ErrorMessage("Too many messages", "rate_limited", at));
        });
        widget.Render();

        Assert.Equal(["assistant", "owner", "announcement", "error"], widget.FindAll(".chat-line").Select(l => l.GetAttribute("data-kind")));
        Assert.Contains("Assistant", widget.Find(".chat-assistant").TextContent);
        Assert.Contains("Owner", widget.Find(".chat-owner").TextContent);
        Assert.Contains("Announcement", widget.Find(".chat-announcement").TextContent);
    }

    [Fact]
    public void The_widget_grows_one_line_from_streamed_pieces_and_replaces_it_with_the_stored_reply()
    {
        var widget = _bunit.Render<ChatWidget>(p => p.Add(w => w.Lang, "en"));
        widget.Find("[data-testid=widget-open]").Click();
        var at = DateTimeOffset.UtcNow;

        widget.InvokeAsync(() =>
        {
            widget.Instance.Apply(new BlazorContact.Core.Protocol.ChatMessageDelta(at, 7, "Embed it "));
            widget.Instance.Apply(new BlazorContact.Core.Protocol.ChatMessageDelta(at, 7, "with one script tag."));
        });
        widget.Render();
        Assert.Contains("Embed it with one script tag.", Assert.Single(widget.FindAll(".chat-line")).TextContent);

        widget.InvokeAsync(() => widget.Instance.Apply(new BlazorContact.Core.Protocol.ChatReply("The stored answer.", at, "assistant", 8, 7)));
        widget.Render();
        var line = Assert.Single(widget.FindAll(".chat-line"));
        Assert.Contains("The stored answer.", line.TextContent);
        Assert.DoesNotContain("Embed it", line.TextContent);
    }

    private IRenderedComponent<Inbox> RenderInbox(string query)
    {
        _bunit.Services.GetRequiredService<NavigationManager>().NavigateTo("/inbox" + query);
        return _bunit.Render<Inbox>();
    }

    /// <summary>A visitor who asked something and got the assistant's answer (it comes after the ack, off the receive path).</summary>
    private async Task<(VisitorSession Session, OutboundQueue Outbound)> VisitorWhoAskedAsync(string text)
    {
        var outbound = new OutboundQueue(64);
        var session = _contact.Connect(new VisitorEndpoint("UA", "127.0.0.1", null), outbound);
        await _contact.HandleFrameAsync(session, System.Text.Encoding.UTF8.GetBytes($$"""{"type":"chat_message","message":"{{text}}","timestamp":"2026-11-26T12:00:00"}"""), CancellationToken.None);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await foreach (var frame in outbound.Reader.ReadAllAsync(timeout.Token))
        {
            if (BlazorContact.Core.Protocol.ServerMessageReader.Read(frame) is BlazorContact.Core.Protocol.ChatReply { Sender: "assistant" })
            {
                break;
            }
        }

        return (session, outbound);
    }

    private static async Task<string> LastFrameAsync(OutboundQueue outbound)
    {
        byte[]? last = null;
        while (outbound.Reader.TryRead(out var frame))
        {
            last = frame;
        }

        await Task.CompletedTask;
        return System.Text.Encoding.UTF8.GetString(last!);
    }
}
