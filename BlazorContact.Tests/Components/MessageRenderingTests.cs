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
}
