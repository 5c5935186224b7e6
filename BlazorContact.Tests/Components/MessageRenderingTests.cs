using BlazorContact.Core.Protocol;
using BlazorContact.Core.Inbox;
using BlazorContact.Web.Components;
using BlazorContact.Web.Components.Inbox;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace BlazorContact.Tests.Components;

public sealed class MessageRenderingTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private readonly BunitContext _bunit = new();

    public MessageRenderingTests()
    {
        _bunit.Services.AddMudServices();
        _bunit.JSInterop.Mode = JSRuntimeMode.Loose;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services are only async-disposable.
    public async Task DisposeAsync() => await _bunit.DisposeAsync();

    private IRenderedComponent<T> Render<T>(Action<ComponentParameterCollectionBuilder<T>> parameters)
        where T : Microsoft.AspNetCore.Components.IComponent => _bunit.Render(parameters);

    [Theory]
    [InlineData(Senders.Visitor, "访客", "from-visitor")]
    [InlineData(Senders.Assistant, "AI 助手", "from-us")]
    [InlineData(Senders.Owner, "博主", "from-us")]
    public void Each_sender_is_labelled_and_placed_on_its_side(string sender, string label, string side)
    {
        var cut = Render<MessageBubble>(p => p.Add(m => m.Sender, sender).Add(m => m.Text, "你好").Add(m => m.At, Noon).Add(m => m.Ui, UiText.Chinese));
        var row = cut.Find("[data-testid=message]");
        Assert.Equal(sender, row.GetAttribute("data-sender"));
        Assert.Contains(side, row.ClassName);
        Assert.Equal(label, cut.Find(".bubble-who").TextContent);
        Assert.Contains($"bubble-{sender}", cut.Find(".bubble").ClassName);
    }

    [Fact]
    public void English_labels_follow_the_language()
    {
        var cut = Render<MessageBubble>(p => p.Add(m => m.Sender, Senders.Assistant).Add(m => m.Text, "hi").Add(m => m.Ui, UiText.English));
        Assert.Equal("Assistant", cut.Find(".bubble-who").TextContent);
    }

    [Fact]
    public void A_contact_request_stands_out_with_the_visitors_address()
    {
        var request = new InboxContactRequest(1, "c", "请联系我", "UA", "小王", "wang@example.com", "/posts/a", Noon);
        var cut = Render<ContactRequestCard>(p => p.Add(m => m.Request, request).Add(m => m.Ui, UiText.Chinese));
        Assert.Contains("联系请求", cut.Markup);
        Assert.Contains("请联系我", cut.Markup);
        Assert.Equal("mailto:wang@example.com", cut.Find("a").GetAttribute("href"));
    }

    [Fact]
    public void The_list_shows_unread_counts_presence_contact_requests_and_takeover()
    {
        InboxConversation[] conversations =
        [
            new("aaaa-1", Noon, Noon, "UA", "127.0.0.1", "/p", "小王", null, OwnerTookOver: true, Closed: false, "最后一句", Senders.Visitor, UnreadCount: 3, ContactRequestCount: 1, Online: true),
            new("bbbb-2", Noon, Noon, "UA", "127.0.0.1", null, null, null, OwnerTookOver: false, Closed: false, "hello", Senders.Assistant, UnreadCount: 0, ContactRequestCount: 0, Online: false),
        ];
        var selected = "";
        var cut = Render<ConversationList>(p => p
            .Add(m => m.Conversations, conversations)
            .Add(m => m.Ui, UiText.Chinese)
            .Add(m => m.Selected, (string id) => selected = id));

        var rows = cut.FindAll("[data-testid=conversation]");
        Assert.Equal(2, rows.Count);
        Assert.Contains("has-request", rows[0].ClassName);
        Assert.Contains("联系请求", rows[0].TextContent);
        Assert.Contains("博主接管", rows[0].TextContent);
        Assert.Contains("在线", rows[0].TextContent);
        Assert.Equal("3", cut.Find("[data-testid=unread]").TextContent.Trim());
        Assert.Contains("访客 bbbb", rows[1].TextContent);
        Assert.Contains("离线", rows[1].TextContent);

        rows[1].QuerySelector(".mud-list-item")?.Click();
        cut.FindAll(".mud-list-item")[1].Click();
        Assert.Equal("bbbb-2", selected);
    }

    private const string Hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>\u202Egnp.exe\u202C";

    [Fact]
    public void A_visitors_markup_and_bidi_override_render_as_inert_isolated_text_in_a_bubble()
    {
        var cut = Render<MessageBubble>(p => p.Add(m => m.Sender, Senders.Visitor).Add(m => m.Text, Hostile).Add(m => m.At, Noon).Add(m => m.Ui, UiText.English));

        var text = cut.Find(".bubble-text");
        Assert.Empty(cut.FindAll("script"));
        Assert.Empty(cut.FindAll("img"));
        Assert.Equal(Hostile, text.TextContent);
        Assert.Equal("auto", text.GetAttribute("dir"));
        Assert.Contains("&lt;script&gt;", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void A_visitors_name_with_markup_and_bidi_override_stays_inside_its_own_isolate_in_the_list()
    {
        InboxConversation[] conversations =
        [
            new("aaaa-1", Noon, Noon, "UA", "127.0.0.1", "/p", Hostile, null, OwnerTookOver: true, Closed: false, Hostile, Senders.Visitor, UnreadCount: 1, ContactRequestCount: 1, Online: true),
        ];
        var cut = Render<ConversationList>(p => p.Add(m => m.Conversations, conversations).Add(m => m.Ui, UiText.English).Add(m => m.Selected, (string _) => { }));

        Assert.Empty(cut.FindAll("script"));
        Assert.Empty(cut.FindAll("img"));
        Assert.Equal(Hostile, cut.Find(".conversation-name bdi").TextContent);
        Assert.Equal("auto", cut.Find(".conversation-preview").GetAttribute("dir"));
        Assert.Equal(Hostile, cut.Find(".conversation-preview").TextContent);
    }

    [Fact]
    public void A_contact_requests_hostile_name_and_text_render_inertly()
    {
        var request = new InboxContactRequest(1, "c", Hostile, "UA", Hostile, "w@example.com", "/posts/a", Noon);
        var cut = Render<ContactRequestCard>(p => p.Add(m => m.Request, request).Add(m => m.Ui, UiText.English));

        Assert.Empty(cut.FindAll("script"));
        Assert.Empty(cut.FindAll("img"));
        Assert.Contains(cut.FindAll("bdi"), e => e.TextContent == Hostile);
        Assert.Equal("auto", cut.Find(".bubble-text").GetAttribute("dir"));
    }
}
