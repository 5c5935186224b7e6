using BlazorContact.Core.Protocol;
using BlazorContact.Tests.Support;
using Microsoft.Playwright;

namespace BlazorContact.Tests.EndToEnd;

/// <summary>The owner's inbox and the visitor's Razor widget, in real Chromium against the real server.</summary>
public sealed class InboxTests : IClassFixture<Chromium>, IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private readonly Chromium _chromium;
    private ContactServer _server = null!;

    public InboxTests(Chromium chromium) => _chromium = chromium;

    public async Task InitializeAsync() => _server = await ContactServer.StartAsync(Auth.OwnerServerFixture.SettingsFor(Auth.OwnerServerFixture.Password));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_contact_request_from_a_raw_client_appears_live_and_the_owners_reply_reaches_the_visitor()
    {
        await using var owner = await _chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var inbox = await OpenInboxAsync(owner);

        await using var visitor = await _server.ConnectAsync();
        await visitor.SendAsync(new ContactRequest(
            "想请你帮忙看看 nginx 配置", "2026-11-26T12:00:00", "Mozilla/5.0 (iPhone)", Name: "小王", Email: "wang@example.com"));
        await visitor.ExpectAsync("contact_request_received");

        // No reload: the inbox learns of it through ContactService events.
        var row = inbox.Locator($"[data-conversation='{visitor.ConversationId}']");
        await row.WaitForAsync(new() { Timeout = (float)Wait.TotalMilliseconds });
        Assert.Contains("小王", await row.InnerTextAsync());
        Assert.Contains("联系请求", await row.InnerTextAsync());
        Assert.Contains("新的联系请求", await inbox.Locator(".mud-snackbar").First.InnerTextAsync());
        Assert.StartsWith("(1)", await inbox.TitleAsync());

        await row.ClickAsync();
        await inbox.Locator("[data-testid=contact-request]").WaitForAsync(new() { Timeout = (float)Wait.TotalMilliseconds });
        await inbox.Locator("textarea[data-testid=reply]").FillAsync("你好小王，我来看看。");
        await inbox.Locator("[data-testid=send]").ClickAsync();

        var reply = await visitor.ExpectAsync("chat_message");
        Assert.Equal("owner", reply.GetProperty("sender").GetString());
        Assert.Equal("你好小王，我来看看。", reply.GetProperty("message").GetString());
        await inbox.Locator("[data-sender=owner]").WaitForAsync(new() { Timeout = (float)Wait.TotalMilliseconds });
    }

    [Fact]
    public async Task After_the_owner_takes_over_in_the_inbox_the_assistant_stays_silent()
    {
        await using var visitor = await _server.ConnectAsync();
        await visitor.ChatAsync("how do I embed the widget?");

        await using var owner = await _chromium.Browser.NewContextAsync();
        var inbox = await OpenInboxAsync(owner);
        await inbox.Locator($"[data-conversation='{visitor.ConversationId}']").ClickAsync();
        await inbox.Locator("input[data-testid=takeover]").CheckAsync();
        await Eventually.UntilAsync(
            () => _server.CountRows("SELECT owner_took_over FROM conversations WHERE id = $c", ("$c", visitor.ConversationId)) == 1,
            "the takeover to be stored", Wait);

        await visitor.SendChatAsync("is anyone there?");
        await visitor.ExpectAsync("chat_message_received");
        await visitor.SendPingAsync();
        await visitor.ExpectAsync("pong");
        // And the owner hears about it, since only the owner will answer now.
        await inbox.Locator(".mud-snackbar", new() { HasText = "访客发来新消息" }).First.WaitForAsync(new() { Timeout = (float)Wait.TotalMilliseconds });
    }

    [Fact]
    public async Task The_razor_widget_chats_sends_a_contact_request_and_gets_the_owners_reply_from_the_inbox()
    {
        await using var ownerContext = await _chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var inbox = await OpenInboxAsync(ownerContext);
        // A second inbox tab: every open tab follows the same events.
        var secondTab = await ownerContext.NewPageAsync();
        await secondTab.GotoAsync(new Uri(_server.HttpUri, "/inbox?lang=zh").ToString());
        await secondTab.Locator(".inbox[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = (float)Wait.TotalMilliseconds });

        await using var visitorContext = await _chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 375, Height = 812 } });
        var page = await visitorContext.NewPageAsync();
        await page.GotoAsync(new Uri(_server.HttpUri, "/demo/blog-post?lang=zh").ToString());
        await page.Locator(".chat-widget[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = (float)Wait.TotalMilliseconds });
        await page.Locator("[data-testid=widget-open]").ClickAsync();
        await page.Locator("input[data-testid=widget-input]").FillAsync("怎么把聊天窗口嵌入我的博客？");
        await page.Locator("input[data-testid=widget-input]").PressAsync("Enter");

        var answer = page.Locator(".chat-line[data-kind=assistant]");
        await answer.WaitForAsync(new() { Timeout = (float)Wait.TotalMilliseconds });
        Assert.Contains("contact-widget.js", await answer.InnerTextAsync());
        Assert.Contains("已送达", await page.Locator("[data-testid=delivery]").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = RepositoryPaths.Of("docs", "screenshots", "razor-widget-phone.png") });

        // The contact form: the owner's inbox shows the request live, in both tabs.
        await page.GetByText("发送联系请求").First.ClickAsync();
        await page.Locator("textarea[data-testid=widget-contact-message]").FillAsync("能帮我看看部署问题吗？");
        await page.Locator("[data-testid=widget-contact-send]").ClickAsync();
        await page.Locator(".chat-line[data-kind=notice]").WaitForAsync(new() { Timeout = (float)Wait.TotalMilliseconds });
        foreach (var tab in new[] { inbox, secondTab })
        {
            await tab.Locator("[data-testid=conversation].has-request").WaitForAsync(new() { Timeout = (float)Wait.TotalMilliseconds });
        }

        await inbox.Locator("[data-testid=conversation].has-request").ClickAsync();
        await inbox.Locator("textarea[data-testid=reply]").FillAsync("我是博主，部署问题我来帮你看。");
        await inbox.Locator("[data-testid=send]").ClickAsync();
        await page.Locator(".chat-line[data-kind=owner]", new() { HasText = "我是博主" }).WaitForAsync(new() { Timeout = (float)Wait.TotalMilliseconds });

        // Same storage as the raw endpoint.
        Assert.Equal(1, _server.CountRows("SELECT COUNT(*) FROM messages WHERE sender = 'visitor' AND text = '怎么把聊天窗口嵌入我的博客？'"));
        Assert.Equal(1, _server.CountRows("SELECT COUNT(*) FROM contact_requests WHERE text = '能帮我看看部署问题吗？'"));

        await using var desktop = await _chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var wide = await desktop.NewPageAsync();
        await wide.GotoAsync(new Uri(_server.HttpUri, "/demo/blog-post?lang=zh").ToString());
        await wide.Locator(".chat-widget[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = (float)Wait.TotalMilliseconds });
        await wide.Locator("[data-testid=widget-open]").ClickAsync();
        await wide.Locator("input[data-testid=widget-input]").FillAsync("能介绍一下使用的技术栈吗？");
        await wide.Locator("input[data-testid=widget-input]").PressAsync("Enter");
        await wide.Locator(".chat-line[data-kind=assistant]").WaitForAsync(new() { Timeout = (float)Wait.TotalMilliseconds });
        await wide.ScreenshotAsync(new() { Path = RepositoryPaths.Of("docs", "screenshots", "razor-widget-desktop.png") });
    }

    [Fact]
    public async Task Inbox_screenshots_at_desktop_and_phone_width()
    {
        await using var a = await _server.ConnectAsync();
        await a.SendAsync(new ContactRequest(
            "博客的 RSS 地址是什么？想订阅。", "2026-11-26T12:00:00", "Mozilla/5.0 (Macintosh)", Name: "Lin", Email: "lin@example.com", Page: "/posts/architecture"));
        await a.ExpectAsync("contact_request_received");
        await a.ChatAsync("能介绍一下使用的技术栈吗？");
        await using var b = await _server.ConnectAsync();
        await b.ChatAsync("How do I deploy behind nginx?");
        await _server.Desk.ReplyAsync(b.ConversationId, "Hi! The deployment post covers it; ask me anything else.", CancellationToken.None);

        foreach (var (width, height, name) in new[] { (1280, 800, "inbox-desktop.png"), (375, 812, "inbox-phone.png") })
        {
            await using var owner = await _chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height } });
            var inbox = await OpenInboxAsync(owner, $"?lang=zh&c={a.ConversationId}");
            await inbox.Locator("[data-testid=contact-request]").WaitForAsync(new() { Timeout = (float)Wait.TotalMilliseconds });
            await inbox.ScreenshotAsync(new() { Path = RepositoryPaths.Of("docs", "screenshots", name) });
        }
    }

    private async Task<IPage> OpenInboxAsync(IBrowserContext context, string query = "?lang=zh")
    {
        var page = await context.NewPageAsync();
        // The inbox is the owner's: sign in through the real page first.
        await page.GotoAsync(new Uri(_server.HttpUri, "/inbox" + query).ToString());
        await page.Locator("input[type=password]").FillAsync(Auth.OwnerServerFixture.Password);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/inbox");
        await page.Locator(".inbox[data-interactive=true]").WaitForAsync(new() { Timeout = (float)Wait.TotalMilliseconds });
        return page;
    }
}
