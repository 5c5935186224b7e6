using System.Diagnostics;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlazorContact.Tests.EndToEnd;

/// <summary>
/// A page with the embedded widget, seen from outside as a visitor would use it. Playwright's CSS
/// locators pierce the widget's open shadow root, so <c>blazor-contact .fab</c> finds its button.
/// </summary>
public sealed class WidgetPage(IPage page)
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    public IPage Page { get; } = page;

    public ILocator Host => Page.Locator("blazor-contact");

    public ILocator Button => Page.Locator("blazor-contact .fab");

    public ILocator Panel => Page.Locator("blazor-contact [role=dialog]");

    public ILocator Input => Page.Locator("blazor-contact textarea");

    public ILocator Status => Page.Locator("blazor-contact .s");

    /// <summary>Messages by sender: <c>v</c> (the visitor), <c>assistant</c>, <c>owner</c>, <c>announcement</c>.</summary>
    public ILocator Messages(string sender) => Page.Locator($"blazor-contact .m.w-{sender}");

    public ILocator Visitor(string text) => Messages("v").Filter(new() { HasText = text });

    public async Task OpenAsync()
    {
        await Button.ClickAsync();
        await Expect(Panel).ToBeVisibleAsync();
    }

    /// <summary>Types a message and presses Enter, as a visitor does.</summary>
    public async Task SendAsync(string text)
    {
        await Input.FillAsync(text);
        await Input.PressAsync("Enter");
        await Expect(Visitor(text)).ToHaveCountAsync(1);
    }

    public Task WaitForStateAsync(string state, TimeSpan? timeout = null) =>
        Expect(Host).ToHaveAttributeAsync("data-state", state, new() { Timeout = (float)(timeout ?? Patience).TotalMilliseconds });

    /// <summary>Waits for the connection state, checking every 10 ms, and returns how long it took.</summary>
    public async Task<TimeSpan> TimeUntilStateAsync(string state, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        await Page.WaitForFunctionAsync(
            "state => document.querySelector('blazor-contact')?.getAttribute('data-state') === state",
            state,
            new() { PollingInterval = 10, Timeout = (float)timeout.TotalMilliseconds });
        return watch.Elapsed;
    }

    /// <summary>Messages waiting in localStorage for their acknowledgement.</summary>
    public Task<int> OutboxCountAsync() =>
        Page.EvaluateAsync<int>("() => Object.keys(localStorage).filter(k => k.startsWith('blazorcontact:') && k.includes(':out:')).length");

    public static Task ExpectCountAsync(ILocator locator, int count, TimeSpan? timeout = null) =>
        Expect(locator).ToHaveCountAsync(count, new() { Timeout = (float)(timeout ?? Patience).TotalMilliseconds });
}
