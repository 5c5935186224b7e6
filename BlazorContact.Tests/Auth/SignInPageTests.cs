using BlazorContact.Tests.Support;
using Microsoft.Playwright;

namespace BlazorContact.Tests.Auth;

/// <summary>The sign-in page in real Chromium at phone width, used with the keyboard.</summary>
public sealed class SignInPageTests(Chromium chromium) : IClassFixture<Chromium>, IAsyncLifetime
{
    private const string Password = OwnerServerFixture.Password;
    private ContactServer _server = null!;

    public async Task InitializeAsync() => _server = await ContactServer.StartAsync(OwnerServerFixture.SettingsFor(Password));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_owner_opens_the_inbox_is_sent_to_sign_in_and_lands_on_the_inbox()
    {
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 375, Height = 812 },
            Locale = "en-US",
        });
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(_server.HttpUri, "/inbox").ToString());

        Assert.Equal("/signin?ReturnUrl=%2Finbox", new Uri(page.Url).PathAndQuery);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Owner sign-in" })).ToBeVisibleAsync();
        var password = page.GetByLabel("Password");
        Assert.Equal("password", await password.GetAttributeAsync("type"));
        await AssertFitsTheWidthAsync(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = RepositoryPaths.Of("docs", "screenshots", "signin-phone.png") });

        await password.FillAsync("not the password");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Wrong password.");
        Assert.Equal("", await page.GetByLabel("Password").InputValueAsync());

        // Keyboard only: Tab from the top of the page reaches the field, Enter submits.
        await page.Locator("body").FocusAsync();
        for (var tabs = 0; tabs < 10 && !await page.GetByLabel("Password").EvaluateAsync<bool>("e => e === document.activeElement"); tabs++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        await page.Keyboard.TypeAsync(Password);
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/inbox");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Inbox" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/signin");
    }

    private static async Task AssertFitsTheWidthAsync(IPage page)
    {
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 375, $"the page is {scrollWidth}px wide at 375px: it scrolls sideways");
    }
}
