using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using BlazorContact.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace BlazorContact.Tests.EndToEnd;

/// <summary>The embeddable widget on the demo blog page, in Debian's Chromium, against the real server.</summary>
[Collection(WidgetCollection.Name)]
public sealed class WidgetTests(Chromium chromium, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Question = "怎么把聊天窗口嵌入我的博客？";
    private ContactServer _server = null!;

    public async Task InitializeAsync() => _server = await ContactServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Visitor_gets_the_assistants_reply_and_a_reload_brings_the_conversation_back()
    {
        await using var context = await chromium.Browser.NewContextAsync();
        var widget = await OpenDemoAsync(context);

        await widget.OpenAsync();
        await widget.SendAsync(Question);

        await WidgetPage.ExpectCountAsync(widget.Messages("assistant"), 1);
        await Expect(widget.Visitor(Question)).ToHaveAttributeAsync("data-state", "received");
        await Expect(widget.Messages("assistant")).ToContainTextAsync("contact-widget.js");
        Assert.Equal(0, await widget.OutboxCountAsync());

        await widget.Page.ReloadAsync();
        // A stored conversation connects at load, so replies arrive even before the panel opens.
        await widget.WaitForStateAsync("online");
        await widget.OpenAsync();
        await WidgetPage.ExpectCountAsync(widget.Visitor(Question), 1);
        await WidgetPage.ExpectCountAsync(widget.Messages("assistant"), 1);
        Assert.Equal(1, _server.CountRows("SELECT COUNT(*) FROM conversations"));
        Assert.Equal(1, _server.CountRows("SELECT COUNT(*) FROM messages WHERE sender = 'visitor'"));
    }

    [Fact]
    public async Task Messages_typed_while_the_server_is_down_are_stored_once_and_answered_when_it_is_back()
    {
        await using var context = await chromium.Browser.NewContextAsync();
        var widget = await OpenDemoAsync(context);
        await widget.OpenAsync();
        await widget.SendAsync("你好");
        await WidgetPage.ExpectCountAsync(widget.Messages("assistant"), 1);

        // Stop the host for real: connections close with 1001 and the port refuses new ones.
        var down = Stopwatch.StartNew();
        var stopping = _server.StopAsync();
        var noticed = await widget.TimeUntilStateAsync("offline", WidgetPage.Patience);
        await stopping;
        output.WriteLine($"widget showed 'offline' {noticed.TotalMilliseconds:F0} ms after the server began stopping");
        string[] typed = ["第一条：服务器停了也能发吗？", "第二条：How do I deploy behind nginx?", "第三条：怎么配置允许的来源？"];
        foreach (var text in typed)
        {
            await widget.SendAsync(text);
        }

        Assert.Equal(3, await widget.OutboxCountAsync());
        foreach (var text in typed)
        {
            await Expect(widget.Visitor(text)).ToHaveAttributeAsync("data-state", "sending");
        }

        await _server.RestartAsync();
        var back = Stopwatch.StartNew();
        output.WriteLine($"server was down {down.ElapsedMilliseconds} ms");
        // The backoff is capped at 30 s (plus jitter), so the widget is back within 30 s whatever happened.
        var reconnected = await widget.TimeUntilStateAsync("online", TimeSpan.FromSeconds(35));
        output.WriteLine($"widget reconnected by itself {reconnected.TotalMilliseconds:F0} ms after the server was back");
        foreach (var text in typed)
        {
            await Expect(widget.Visitor(text)).ToHaveAttributeAsync("data-state", "received");
        }

        await WidgetPage.ExpectCountAsync(widget.Messages("assistant"), 4);
        output.WriteLine($"all three answered {back.ElapsedMilliseconds} ms after the server was back");
        Assert.Equal(0, await widget.OutboxCountAsync());
        foreach (var text in typed)
        {
            Assert.Equal(1, _server.CountRows("SELECT COUNT(*) FROM messages WHERE sender = 'visitor' AND text = $t", ("$t", text)));
            Assert.Equal(1, _server.CountRows(
                "SELECT COUNT(*) FROM messages r JOIN messages v ON r.reply_to = v.id WHERE r.sender = 'assistant' AND v.text = $t", ("$t", text)));
            await WidgetPage.ExpectCountAsync(widget.Visitor(text), 1);
        }

        Assert.Equal(1, _server.CountRows("SELECT COUNT(*) FROM conversations"));
        // Typing order is storage order.
        var ids = typed.Select(text => _server.CountRows("SELECT id FROM messages WHERE text = $t", ("$t", text))).ToList();
        Assert.Equal(ids.Order(), ids);
    }

    [Fact]
    public async Task Owner_reply_sent_while_the_page_was_offline_appears_after_it_reconnects()
    {
        await using var context = await chromium.Browser.NewContextAsync();
        var widget = await OpenDemoAsync(context);
        await widget.OpenAsync();
        await widget.SendAsync("Is the author around?");
        await WidgetPage.ExpectCountAsync(widget.Messages("assistant"), 1);
        await widget.Page.Keyboard.PressAsync("Escape");
        await Expect(widget.Panel).ToBeHiddenAsync();

        // Chromium's offline mode keeps an open socket alive but frozen; the widget drops it on 'offline'.
        await context.SetOfflineAsync(true);
        await widget.WaitForStateAsync("offline");
        var conversation = SingleConversationId();
        await _server.Desk.ReplyAsync(conversation, "Author here: I reply while you are offline.", CancellationToken.None);
        Assert.Equal(0, await widget.Messages("owner").CountAsync());

        var online = Stopwatch.StartNew();
        await context.SetOfflineAsync(false);
        var reconnected = await widget.TimeUntilStateAsync("online", WidgetPage.Patience);
        output.WriteLine($"back online → reconnected in {reconnected.TotalMilliseconds:F0} ms");
        await Expect(widget.Page.Locator("blazor-contact .b")).ToHaveTextAsync("1");
        output.WriteLine($"back online → reconnected and owner reply shown in {online.ElapsedMilliseconds} ms");
        await Expect(widget.Button).ToHaveAttributeAsync("aria-label", new Regex("1"));

        await widget.OpenAsync();
        await WidgetPage.ExpectCountAsync(widget.Messages("owner"), 1);
        await Expect(widget.Messages("owner")).ToContainTextAsync("Author here");
        await Expect(widget.Messages("owner")).ToContainTextAsync("Author");
        await Expect(widget.Page.Locator("blazor-contact .b")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task Message_whose_ack_was_lost_is_resent_with_the_same_id_stored_once_and_answered_once()
    {
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var connections = 0;
        var sent = new ConcurrentQueue<string>();
        // The first connection dies right after the server acknowledged the message: the ack never arrives.
        await page.RouteWebSocketAsync(new Regex("/contact$"), socket =>
        {
            var attempt = Interlocked.Increment(ref connections);
            var server = socket.ConnectToServer();
            socket.OnMessage(frame =>
            {
                var text = frame.Text!;
                using (var json = JsonDocument.Parse(text))
                {
                    if (json.RootElement.GetProperty("type").GetString() == "chat_message")
                    {
                        sent.Enqueue(json.RootElement.GetProperty("client_message_id").GetString()!);
                    }
                }

                server.Send(text);
            });
            server.OnMessage(frame =>
            {
                var text = frame.Text!;
                if (attempt == 1 && text.Contains("\"chat_message_received\"", StringComparison.Ordinal))
                {
                    _ = server.CloseAsync();
                    _ = socket.CloseAsync(new() { Code = 4000, Reason = "connection lost" });
                    return;
                }

                socket.Send(text);
            });
        });
        var widget = new WidgetPage(page);
        await page.GotoAsync(_server.HttpUri + "demo/static-blog.html?lang=en");

        await widget.OpenAsync();
        await widget.SendAsync(Question);

        await Expect(widget.Visitor(Question)).ToHaveAttributeAsync("data-state", "received", new() { Timeout = 15_000 });
        await WidgetPage.ExpectCountAsync(widget.Messages("assistant"), 1);
        Assert.True(connections >= 2, "the widget should have reconnected");
        Assert.True(sent.Count >= 2, "the message should have been sent again");
        Assert.Single(sent.Distinct());
        Assert.Equal(1, _server.CountRows("SELECT COUNT(*) FROM messages WHERE sender = 'visitor'"));
        Assert.Equal(1, _server.CountRows("SELECT COUNT(*) FROM messages WHERE sender = 'assistant'"));
        Assert.Equal(0, await widget.OutboxCountAsync());
        await WidgetPage.ExpectCountAsync(widget.Visitor(Question), 1);
    }

    [Fact]
    public async Task Name_and_email_on_the_first_message_reach_the_owner_as_a_contact_request()
    {
        await using var context = await chromium.Browser.NewContextAsync();
        var widget = await OpenDemoAsync(context);
        await widget.OpenAsync();
        await widget.Page.Locator("blazor-contact input[name=name]").FillAsync("Ada");
        var email = widget.Page.Locator("blazor-contact input[name=email]");
        await email.FillAsync("ada@example");
        await widget.Input.FillAsync(Question);
        await widget.Input.PressAsync("Enter");
        await Expect(widget.Page.Locator("blazor-contact [role=alert]")).ToContainTextAsync("valid email");
        await Expect(email).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Equal(0, await widget.Messages("v").CountAsync());

        await email.FillAsync("ada@example.com");
        await widget.Input.PressAsync("Enter");

        await WidgetPage.ExpectCountAsync(widget.Messages("assistant"), 1);
        await widget.Page.WaitForFunctionAsync("() => !Object.keys(localStorage).some(k => k.includes(':out:'))");
        await Expect(email).ToBeHiddenAsync();
        Assert.Equal(1, _server.CountRows(
            "SELECT COUNT(*) FROM contact_requests WHERE name = 'Ada' AND email = 'ada@example.com' AND text = $q AND page LIKE '%/demo/static-blog.html%'", ("$q", Question)));
        Assert.Equal(1, _server.CountRows("SELECT COUNT(*) FROM messages WHERE sender = 'visitor' AND text = $q", ("$q", Question)));
    }

    [Fact]
    public async Task Expired_conversation_is_replaced_by_a_new_one_without_losing_the_message()
    {
        await using var context = await chromium.Browser.NewContextAsync();
        // A conversation this server has never heard of, as after its database was replaced.
        await context.AddInitScriptAsync($$"""
            localStorage.setItem('blazorcontact:{{_server.ContactUri}}:conv', JSON.stringify({ t: 'gone', c: 'gone', last: 99 }));
            """);
        var widget = await OpenDemoAsync(context);
        await widget.WaitForStateAsync("online");
        await widget.OpenAsync();
        await widget.SendAsync(Question);

        await WidgetPage.ExpectCountAsync(widget.Messages("assistant"), 1);
        await Expect(widget.Visitor(Question)).ToHaveAttributeAsync("data-state", "received");
        Assert.Equal(1, _server.CountRows("SELECT COUNT(*) FROM messages WHERE sender = 'visitor'"));
        var stored = await widget.Page.EvaluateAsync<string>($"() => localStorage.getItem('blazorcontact:{_server.ContactUri}:conv')");
        Assert.DoesNotContain("gone", stored);
    }

    [Fact]
    public async Task Page_from_a_disallowed_origin_cannot_connect_and_says_so()
    {
        // Two blogs on their own loopback origins embed the widget; only one is allowed.
        await using var allowed = await WidgetBlogServer.StartAsync(() => _server.HttpUri);
        await using var foreign = await WidgetBlogServer.StartAsync(() => _server.HttpUri);
        await _server.DisposeAsync();
        _server = await ContactServer.StartAsync(new Dictionary<string, string?> { ["Contact:AllowedOrigins:0"] = allowed.OriginText });
        await using var context = await chromium.Browser.NewContextAsync();

        var stranger = new WidgetPage(await context.NewPageAsync());
        await stranger.Page.GotoAsync(foreign.Post());
        await stranger.OpenAsync();
        await stranger.SendAsync("Can you hear me?");
        await stranger.WaitForStateAsync("refused");
        await Expect(stranger.Status).ToContainTextAsync("Cannot connect");
        await Expect(stranger.Visitor("Can you hear me?")).ToHaveAttributeAsync("data-state", "sending");
        Assert.Equal(0, _server.CountRows("SELECT COUNT(*) FROM conversations"));
        Assert.Equal(0, _server.CountRows("SELECT COUNT(*) FROM messages"));

        var friend = new WidgetPage(await context.NewPageAsync());
        await friend.Page.GotoAsync(allowed.Post());
        await friend.OpenAsync();
        await friend.SendAsync(Question);
        await WidgetPage.ExpectCountAsync(friend.Messages("assistant"), 1);
        Assert.Equal(1, _server.CountRows("SELECT COUNT(*) FROM messages WHERE sender = 'visitor'"));
    }

    [Fact]
    public async Task Widget_connects_only_once_the_visitor_opens_it()
    {
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var sockets = 0;
        page.WebSocket += (_, _) => Interlocked.Increment(ref sockets);
        var widget = new WidgetPage(page);
        await page.GotoAsync(_server.HttpUri + "demo/static-blog.html");
        await Expect(widget.Button).ToBeVisibleAsync();

        Assert.Equal(0, sockets);
        Assert.Equal(0, await page.Locator("blazor-contact [role=dialog]").CountAsync());
        await widget.OpenAsync();
        await widget.WaitForStateAsync("online");
        Assert.Equal(1, sockets);
    }

    [Fact]
    public async Task Blog_css_does_not_reach_the_widget_and_the_widget_css_does_not_reach_the_blog()
    {
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(_server.HttpUri + "demo/static-blog.html?lang=en");
        var subscribe = page.Locator("#subscribe");
        const string styleOf = "e => { const s = getComputedStyle(e); return [s.fontFamily, s.textTransform, s.borderRadius, s.boxSizing, s.backgroundColor].join('|'); }";
        var before = await subscribe.EvaluateAsync<string>(styleOf);
        var widget = new WidgetPage(page);
        await widget.OpenAsync();

        Assert.Equal(before, await subscribe.EvaluateAsync<string>(styleOf));
        var send = page.Locator("blazor-contact .sb");
        var sendStyle = (await send.EvaluateAsync<string>(styleOf)).Split('|');
        Assert.DoesNotContain("Georgia", sendStyle[0]);
        Assert.Equal("none", sendStyle[1]);
        Assert.Equal("10px", sendStyle[2]);
        Assert.Equal("border-box", sendStyle[3]);
        Assert.Equal("rgb(29, 78, 216)", sendStyle[4]);
    }

    [Fact]
    public async Task Widget_is_usable_with_the_keyboard_alone()
    {
        await using var context = await chromium.Browser.NewContextAsync();
        var widget = await OpenDemoAsync(context);
        await Expect(widget.Button).ToHaveAttributeAsync("aria-label", "Contact the author");

        await widget.Button.FocusAsync();
        await widget.Page.Keyboard.PressAsync("Enter");
        await Expect(widget.Panel).ToBeVisibleAsync();
        await Expect(widget.Panel).ToHaveAttributeAsync("aria-labelledby", "bc-title");
        await Expect(widget.Button).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(widget.Input).ToBeFocusedAsync();
        await widget.Page.Keyboard.TypeAsync(Question);
        await widget.Page.Keyboard.PressAsync("Enter");
        await WidgetPage.ExpectCountAsync(widget.Messages("assistant"), 1);
        await Expect(widget.Page.Locator("blazor-contact [role=log]")).ToHaveAttributeAsync("aria-live", "polite");

        await widget.Page.Keyboard.PressAsync("Escape");
        await Expect(widget.Panel).ToBeHiddenAsync();
        await Expect(widget.Button).ToBeFocusedAsync();
        await Expect(widget.Button).ToHaveAttributeAsync("aria-expanded", "false");
    }

    [Fact]
    public async Task Every_text_in_the_widget_has_a_contrast_of_at_least_4_5_to_1()
    {
        await using var context = await chromium.Browser.NewContextAsync();
        var widget = await OpenDemoAsync(context);
        await widget.OpenAsync();
        await widget.SendAsync(Question);
        await WidgetPage.ExpectCountAsync(widget.Messages("assistant"), 1);
        await _server.Desk.ReplyAsync(SingleConversationId(), "Owner here.", CancellationToken.None);
        _server.Desk.Announce("An announcement.");
        await WidgetPage.ExpectCountAsync(widget.Messages("announcement"), 1);

        // WCAG 2 relative luminance of each element's text colour against the first opaque background behind it.
        var result = await widget.Host.EvaluateAsync<JsonElement>("""
            host => {
              const lum = c => { const [r, g, b] = c.match(/[\d.]+/g).slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
              const opaque = c => !/rgba\(.*,\s*0\)$/.test(c) && c !== 'transparent';
              const bg = e => { for (; e; e = e.parentElement || e.getRootNode().host) { const c = getComputedStyle(e).backgroundColor; if (opaque(c)) return c; } return 'rgb(255, 255, 255)'; };
              const out = []; let checked = 0;
              for (const e of host.shadowRoot.querySelectorAll('*')) {
                const text = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()) || (e.placeholder && !e.value);
                if (!text || !e.getClientRects().length) continue;
                const style = getComputedStyle(e), fg = e.placeholder && !e.value ? getComputedStyle(e, '::placeholder').color : style.color;
                checked++;
                const [a, b] = [lum(fg), lum(bg(e))], ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
                if (ratio < 4.5) out.push(`${e.tagName}.${e.className} "${(e.textContent || e.placeholder).slice(0, 30)}" ${fg} on ${bg(e)}: ${ratio.toFixed(2)}`);
              }
              return { checked, out };
            }
            """);

        // Title, status, intro, four kinds of message with their labels and states, placeholder, send button.
        Assert.True(result.GetProperty("checked").GetInt32() >= 12, result.ToString());
        Assert.Empty(result.GetProperty("out").EnumerateArray().Select(failure => failure.GetString()));
    }

    [Theory]
    [InlineData("zh-CN", null, "联系作者")]
    [InlineData("en", null, "Contact the author")]
    [InlineData("en", "zh", "联系作者")]
    [InlineData("zh-CN", "en", "Contact the author")]
    public async Task Language_follows_the_page_unless_data_lang_overrides_it(string pageLang, string? dataLang, string label)
    {
        await using var blog = await WidgetBlogServer.StartAsync(() => _server.HttpUri);
        await using var context = await chromium.Browser.NewContextAsync();
        var widget = new WidgetPage(await context.NewPageAsync());
        await widget.Page.GotoAsync(blog.Post(pageLang, dataLang));

        await Expect(widget.Button).ToHaveAttributeAsync("aria-label", label);
        await widget.OpenAsync();
        await Expect(widget.Page.Locator("blazor-contact h2")).ToHaveTextAsync(label);
    }

    private async Task<WidgetPage> OpenDemoAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(_server.HttpUri + "demo/static-blog.html?lang=en");
        var widget = new WidgetPage(page);
        await Expect(widget.Button).ToBeVisibleAsync();
        return widget;
    }

    private string SingleConversationId()
    {
        using var connection = _server.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM conversations";
        return (string)command.ExecuteScalar()!;
    }
}
