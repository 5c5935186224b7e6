using System.Collections.Concurrent;
using System.Diagnostics;
using BlazorContact.Tests.Support;

namespace BlazorContact.Tests.EndToEnd;

/// <summary>The guide's own clients, unchanged but for the address, against the real server.</summary>
public sealed class GuideClientTests : IClassFixture<Chromium>, IAsyncLifetime
{
    private const string GuideAddress = "ws://127.0.0.1:8080/contact";
    private readonly Chromium _chromium;
    private ContactServer _server = null!;

    public GuideClientTests(Chromium chromium) => _chromium = chromium;

    public async Task InitializeAsync() => _server = await ContactServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_guides_python_client_runs_its_whole_flow()
    {
        var script = File.ReadAllText(RepositoryPaths.Of("BlazorContact.Tests", "GuideClients", "guide_client.py"))
            .Replace(GuideAddress, _server.ContactUri.ToString(), StringComparison.Ordinal);
        var path = Path.Combine(_server.Folder, "guide_client.py");
        await File.WriteAllTextAsync(path, script);

        // Debian's interpreter with Debian's python3-websockets, as a blog owner would have it.
        var start = new ProcessStartInfo("/usr/bin/python3", [path])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["PYTHONIOENCODING"] = "utf-8" },
        };
        using var python = Process.Start(start)!;
        var stdout = python.StandardOutput.ReadToEndAsync();
        var stderr = python.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await python.WaitForExitAsync(timeout.Token);
        var output = await stdout;

        Assert.True(python.ExitCode == 0, $"python exited {python.ExitCode}: {await stderr}\n{output}");
        Assert.Contains("✅ 连接成功", output);
        Assert.DoesNotContain("❌", output);
        Assert.Contains("🤖 服务器回复: WebSocket连接已建立", output);
        Assert.Contains("🤖 服务器回复: 联系请求已收到", output);
        Assert.Equal(3, CountOf(output, "💬 发送"));
        Assert.Equal(3, CountOf(output, "🤖 服务器回复: 消息已收到"));
        Assert.Equal(1, _server.CountRows("SELECT COUNT(*) FROM contact_requests WHERE user_agent = 'Python客户端'"));
        Assert.Equal(3, _server.CountRows("SELECT COUNT(*) FROM messages WHERE sender = 'visitor'"));
        Assert.Equal(3, _server.CountRows("SELECT COUNT(*) FROM messages WHERE sender = 'assistant'"));
    }

    [Fact]
    public async Task The_guides_javascript_client_runs_in_chromium()
    {
        var script = File.ReadAllText(RepositoryPaths.Of("BlazorContact.Tests", "GuideClients", "guide_client.js"))
            .Replace(GuideAddress, _server.ContactUri.ToString(), StringComparison.Ordinal);
        // The guide pastes its snippet into the browser console, which the page's Content-Security-Policy does not
        // govern; injected as a <script> it would be, so the context stands in for the console.
        await using var context = await _chromium.Browser.NewContextAsync(new() { BypassCSP = true });
        var page = await context.NewPageAsync();
        var console = new ConcurrentQueue<string>();
        page.Console += (_, message) => console.Enqueue(message.Text);
        await page.GotoAsync(_server.HttpUri.ToString());
        // The guide's snippet calls displayMessage, which it leaves to the page; this page records the calls.
        await page.EvaluateAsync("() => { window.shown = []; window.displayMessage = (text, who) => window.shown.push({ text, who }); }");

        await page.AddScriptTagAsync(new() { Content = script });
        await Eventually.UntilAsync(() => console.Any(line => line.Contains("联系请求已收到", StringComparison.Ordinal)), "the page to log 联系请求已收到");
        Assert.Contains(console, line => line.StartsWith("连接确认: WebSocket连接已建立", StringComparison.Ordinal));

        await page.EvaluateAsync("() => sendChatMessage('怎么把聊天窗口嵌入我的博客？')");
        await page.WaitForFunctionAsync("() => window.shown.length > 0", null, new() { Timeout = 10_000 });
        var shown = await page.EvaluateAsync<string>("() => window.shown[0].text + '|' + window.shown[0].who");
        Assert.EndsWith("|assistant", shown);
        Assert.Contains("contact-widget.js", shown);
        Assert.Equal(1, _server.CountRows("SELECT COUNT(*) FROM contact_requests WHERE text = '用户前端连接测试'"));
    }

    private static int CountOf(string text, string part) =>
        (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
