using System.Net;
using System.Net.Http.Headers;
using BlazorContact.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace BlazorContact.Tests.EndToEnd;

/// <summary>The inbox's API token dialog in real Chromium: the token it shows works on the API, and revoking it stops it.</summary>
public sealed class ApiTokensPageTests : IClassFixture<Chromium>, IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private readonly Chromium _chromium;
    private ContactServer _server = null!;

    public ApiTokensPageTests(Chromium chromium) => _chromium = chromium;

    public async Task InitializeAsync() => _server = await ContactServer.StartAsync(Auth.OwnerServerFixture.SettingsFor(Auth.OwnerServerFixture.Password));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_owner_creates_a_token_that_works_on_the_api_and_revokes_it_after_confirming()
    {
        await using var owner = await _chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        await owner.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = _server.HttpUri.GetLeftPart(UriPartial.Authority) });
        var inbox = await OpenInboxAsync(owner, "?lang=en");

        await inbox.GetByRole(AriaRole.Button, new() { Name = "API tokens" }).ClickAsync();
        await inbox.GetByLabel("Token name (e.g. phone, backup script)").FillAsync("phone app");
        await inbox.Locator("[data-testid=token-create]").ClickAsync();

        var secretBox = inbox.Locator("[data-testid=token-secret]");
        await secretBox.WaitForAsync(new() { Timeout = (float)Wait.TotalMilliseconds });
        var secret = await secretBox.InnerTextAsync();
        Assert.Matches("^bc_[A-Za-z0-9_-]{43}$", secret);
        Assert.Contains("shown only this once", await inbox.Locator("[data-testid=token-created]").InnerTextAsync());
        await inbox.Locator("[data-testid=token-copy]").ClickAsync();
        await inbox.GetByText("Copied").WaitForAsync(new() { Timeout = (float)Wait.TotalMilliseconds });
        Assert.Equal(secret, await inbox.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        var row = inbox.Locator(".api-token", new() { HasText = "phone app" });
        Assert.Contains(secret[..9], await row.InnerTextAsync());
        Assert.Contains("never", await row.InnerTextAsync());
        Assert.Equal(HttpStatusCode.OK, await ApiStatusAsync(secret));

        await row.GetByRole(AriaRole.Button, new() { Name = "Revoke token “phone app”" }).ClickAsync();
        // The confirmation is a Blazor re-render after the click: wait for it rather than read the row at once.
        await row.GetByText("lose access at once").WaitForAsync(new() { Timeout = (float)Wait.TotalMilliseconds });
        Assert.Equal(HttpStatusCode.OK, await ApiStatusAsync(secret));
        await row.Locator("[data-testid=token-revoke-confirm]").ClickAsync();

        await row.GetByText("Revoked", new() { Exact = true }).WaitForAsync(new() { Timeout = (float)Wait.TotalMilliseconds });
        Assert.Equal(HttpStatusCode.Unauthorized, await ApiStatusAsync(secret));

        // Closing the dialog forgets the secret: reopened, it lists the token but never shows the secret again.
        await inbox.Locator("[data-testid=tokens-close]").ClickAsync();
        await inbox.GetByRole(AriaRole.Button, new() { Name = "API tokens" }).ClickAsync();
        await inbox.Locator(".api-token", new() { HasText = "phone app" }).WaitForAsync(new() { Timeout = (float)Wait.TotalMilliseconds });
        Assert.Equal(0, await inbox.Locator("[data-testid=token-secret]").CountAsync());
        Assert.DoesNotContain(secret, await inbox.ContentAsync());
    }

    [Fact]
    public async Task Api_token_dialog_screenshots_in_Chinese_on_the_desktop_and_English_at_phone_width()
    {
        var tokens = _server.Services.GetRequiredService<Core.Inbox.OwnerApiTokens>();
        var old = await tokens.CreateAsync("备份脚本 / backup script", CancellationToken.None);
        await tokens.CheckAsync(old.Secret, CancellationToken.None);
        var revoked = await tokens.CreateAsync("旧手机 / old phone", CancellationToken.None);
        await tokens.RevokeAsync(revoked.Token.Id, CancellationToken.None);

        foreach (var (width, height, lang, name, file) in new[]
                 {
                     (1280, 800, "zh", "API 令牌", "api-tokens-desktop.png"),
                     (390, 844, "en", "API tokens", "api-tokens-phone.png"),
                 })
        {
            await using var owner = await _chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height } });
            var inbox = await OpenInboxAsync(owner, $"?lang={lang}");
            await inbox.GetByRole(AriaRole.Button, new() { Name = name, Exact = true }).ClickAsync();
            await inbox.Locator("input[data-testid=token-name]").FillAsync(lang == "zh" ? "手机应用" : "phone app");
            await inbox.Locator("[data-testid=token-create]").ClickAsync();
            await inbox.Locator("[data-testid=token-secret]").WaitForAsync(new() { Timeout = (float)Wait.TotalMilliseconds });
            await inbox.ScreenshotAsync(new() { Path = RepositoryPaths.Of("docs", "screenshots", file) });

            // At phone width nothing may stick out sideways.
            Assert.True(await inbox.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"{file}: horizontal scroll");
        }
    }

    private async Task<HttpStatusCode> ApiStatusAsync(string secret)
    {
        using var http = new HttpClient { BaseAddress = _server.HttpUri };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/conversations");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private async Task<IPage> OpenInboxAsync(IBrowserContext context, string query)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(_server.HttpUri, "/inbox" + query).ToString());
        await page.Locator("input[type=password]").FillAsync(Auth.OwnerServerFixture.Password);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/inbox");
        await page.Locator(".inbox[data-interactive=true]").WaitForAsync(new() { Timeout = (float)Wait.TotalMilliseconds });
        return page;
    }
}
