using BlazorContact.Tests.Assistant.Llm;
using BlazorContact.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace BlazorContact.Tests.EndToEnd;

/// <summary>The JS widget renders an LLM reply as it streams, then settles on the stored reply.</summary>
[Collection(WidgetCollection.Name)]
public sealed class WidgetStreamingTests(Chromium chromium)
{
    [Fact]
    public async Task A_streamed_reply_grows_piece_by_piece_in_one_bubble_and_ends_as_the_stored_reply()
    {
        await using var model = await FakeChatCompletionsServer.StartAsync();
        await using var server = await ContactServer.StartAsync(new Dictionary<string, string?>
        {
            ["Assistant:Provider"] = "OpenAI",
            ["Assistant:OpenAI:Endpoint"] = model.Endpoint,
            ["Assistant:OpenAI:Model"] = "fake-model",
            ["Assistant:OpenAI:ApiKey"] = "sk-test",
        });
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(server.HttpUri + "demo/static-blog.html?lang=zh");
        var widget = new WidgetPage(page);
        await Expect(widget.Button).ToBeVisibleAsync();
        await widget.OpenAsync();

        // Record every text the assistant's bubble shows, so the in-between states can be checked.
        await page.EvaluateAsync("""
            () => {
              window.assistantTexts = [];
              const root = document.querySelector('blazor-contact').shadowRoot;
              new MutationObserver(() => {
                root.querySelectorAll('.w-assistant').forEach(b => {
                  const text = b.textContent;
                  if (window.assistantTexts[window.assistantTexts.length - 1] !== text) window.assistantTexts.push(text);
                });
              }).observe(root, { subtree: true, childList: true, characterData: true });
            }
            """);
        await widget.SendAsync("怎么把聊天窗口嵌入我的博客？");

        await Expect(widget.Messages("assistant")).ToContainTextAsync(model.Answer, new() { Timeout = 15_000 });
        await WidgetPage.ExpectCountAsync(widget.Messages("assistant"), 1);
        var seen = await page.EvaluateAsync<string[]>("() => window.assistantTexts");
        // At least one state showed only part of the answer before the whole of it arrived.
        Assert.Contains(seen, text => text.Contains(model.Pieces[0].Trim(), StringComparison.Ordinal) && !text.Contains(model.Pieces[^1], StringComparison.Ordinal));
        // The last piece can reach the page before the stored reply's commit: wait for the commit, then expect exactly one.
        const string StoredReplies = "SELECT COUNT(*) FROM messages WHERE sender = 'assistant'";
        await Eventually.UntilAsync(() => server.CountRows(StoredReplies) > 0, "the stored assistant reply");

        Assert.Equal(1, server.CountRows(StoredReplies));
    }
}
