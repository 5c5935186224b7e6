using BlazorContact.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace BlazorContact.Tests.EndToEnd;

/// <summary>
/// The widget with a whole conversation (assistant and owner replies, an announcement) at desktop and
/// phone width. Checks the layout fits; writes the README's screenshots to docs/screenshots when
/// <c>UPDATE_SCREENSHOTS=1</c>, otherwise to the test's temporary folder.
/// </summary>
[Collection(WidgetCollection.Name)]
public sealed class WidgetScreenshotTests(Chromium chromium, ITestOutputHelper output) : IAsyncLifetime
{
    private ContactServer _server = null!;

    public async Task InitializeAsync() => _server = await ContactServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("widget-desktop.png", 1280, 800, "en", "Which port does the server listen on?", "I'm the author. 8080 is only the default (set Urls). Are you behind nginx?", "New post: deploying BlazorContact behind nginx.")]
    [InlineData("widget-phone.png", 375, 812, "zh", "Hugo 怎么加聊天按钮？", "你好，我是博主本人。用的是哪个主题？我可以帮你看看模板。", "新文章：如何在 nginx 后面部署 BlazorContact。")]
    public async Task Conversation_fits_the_screen(string file, int width, int height, string lang, string question, string ownerReply, string announcement)
    {
        await using var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, DeviceScaleFactor = 1 });
        var widget = new WidgetPage(await context.NewPageAsync());
        await widget.Page.GotoAsync($"{_server.HttpUri}demo/static-blog.html?lang={lang}");
        await widget.OpenAsync();
        await widget.SendAsync(question);
        await WidgetPage.ExpectCountAsync(widget.Messages("assistant"), 1);
        using (var connection = _server.OpenDatabase())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT id FROM conversations";
            await _server.Desk.ReplyAsync((string)command.ExecuteScalar()!, ownerReply, CancellationToken.None);
        }

        await WidgetPage.ExpectCountAsync(widget.Messages("owner"), 1);
        _server.Desk.Announce(announcement);
        await WidgetPage.ExpectCountAsync(widget.Messages("announcement"), 1);
        await widget.Input.FillAsync(lang == "zh" ? "我用的是 PaperMod 主题" : "Yes, nginx with TLS");

        var panel = (await widget.Panel.BoundingBoxAsync())!;
        Assert.True(panel.X >= 0 && panel.X + panel.Width <= width && panel.Y >= 0 && panel.Y + panel.Height <= height, $"panel {panel.X},{panel.Y} {panel.Width}x{panel.Height} outside {width}x{height}");
        var send = (await widget.Page.Locator("blazor-contact .sb").BoundingBoxAsync())!;
        Assert.True(send.X + send.Width <= width && send.Y + send.Height <= height, "the send button is off screen");
        Assert.True(await widget.Page.Locator("blazor-contact .l").EvaluateAsync<bool>("e => e.scrollWidth <= e.clientWidth"), "the conversation scrolls sideways");
        if (width < 480)
        {
            Assert.Equal(width, panel.Width);
        }

        var folder = Environment.GetEnvironmentVariable("UPDATE_SCREENSHOTS") == "1" ? RepositoryPaths.Of("docs", "screenshots") : _server.Folder;
        var path = Path.Combine(folder, file);
        await widget.Page.ScreenshotAsync(new() { Path = path });
        output.WriteLine($"screenshot: {path}");
        await Expect(widget.Panel).ToBeVisibleAsync();
    }
}
