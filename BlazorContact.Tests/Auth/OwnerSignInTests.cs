using System.Net;
using System.Text.Json;
using BlazorContact.Tests.Support;

namespace BlazorContact.Tests.Auth;

/// <summary>Owner sign-in over real HTTP against the real server, with the password from <c>Owner:PasswordHash</c>.</summary>
public sealed class OwnerSignInTests(OwnerServerFixture fixture) : IClassFixture<OwnerServerFixture>
{
    private const string Password = OwnerServerFixture.Password;

    private ContactServer Server => fixture.Server;

    [Fact]
    public async Task An_anonymous_request_for_the_inbox_is_redirected_to_the_sign_in_page()
    {
        using var browser = new OwnerHttpClient(Server.HttpUri);

        using var response = await browser.GetAsync("/inbox");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/signin?ReturnUrl=%2Finbox", browser.RedirectPath(response));
    }

    [Fact]
    public async Task An_anonymous_request_to_the_owner_api_gets_401_and_no_redirect()
    {
        using var browser = new OwnerHttpClient(Server.HttpUri);

        using var response = await browser.GetAsync("/api/owner/sessions");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_right_password_sets_an_http_only_lax_cookie_that_opens_the_inbox_and_the_owner_api()
    {
        using var browser = new OwnerHttpClient(Server.HttpUri);
        await using var visitor = await Server.ConnectAsync();

        using var signIn = await browser.SignInAsync(Password);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/inbox", browser.RedirectPath(signIn));
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), header => header.StartsWith(OwnerHttpClient.CookieName + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
        // Persistent, for the 14-day sliding lifetime.
        Assert.Contains("expires=", cookie, StringComparison.OrdinalIgnoreCase);

        using var inbox = await browser.GetAsync("/inbox?lang=en");
        Assert.Equal(HttpStatusCode.OK, inbox.StatusCode);
        Assert.Contains("Inbox", await OwnerHttpClient.TextOf(inbox));

        using var sessions = await browser.GetAsync("/api/owner/sessions");
        Assert.Equal(HttpStatusCode.OK, sessions.StatusCode);
        Assert.Equal("application/json", sessions.Content.Headers.ContentType!.MediaType);
        using var json = JsonDocument.Parse(await sessions.Content.ReadAsStringAsync());
        Assert.Equal(1, json.RootElement.GetProperty("online").GetInt32());
    }

    [Fact]
    public async Task Behind_an_https_proxy_the_cookie_is_secure()
    {
        using var browser = new OwnerHttpClient(Server.HttpUri);
        var form = await browser.GetFormAsync("/signin?lang=en");

        using var request = new HttpRequestMessage(HttpMethod.Post, form.Action)
        {
            Content = new FormUrlEncodedContent(form.Hidden.Append(KeyValuePair.Create("Input.Password", Password))),
        };
        // What nginx in front of the server says for a visitor on HTTPS; trusted from loopback.
        request.Headers.Add("X-Forwarded-Proto", "https");
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = browser.Cookies, AllowAutoRedirect = false }) { BaseAddress = Server.HttpUri };
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), header => header.StartsWith(OwnerHttpClient.CookieName + "=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/inbox?conversation=abc", "/inbox?conversation=abc")]
    [InlineData("https://evil.example/steal", "/inbox")]
    [InlineData("//evil.example/steal", "/inbox")]
    public async Task After_signing_in_a_local_return_url_is_followed_and_any_other_is_not(string returnUrl, string expected)
    {
        using var browser = new OwnerHttpClient(Server.HttpUri);

        using var response = await browser.SignInAsync(Password, $"/signin?lang=en&ReturnUrl={Uri.EscapeDataString(returnUrl)}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, browser.RedirectPath(response));
    }

    [Fact]
    public async Task The_sign_in_form_posted_without_its_antiforgery_token_is_refused()
    {
        using var browser = new OwnerHttpClient(Server.HttpUri);
        var form = await browser.GetFormAsync("/signin?lang=en");

        using var response = await browser.PostAsync(form.Action, [
            KeyValuePair.Create("_handler", "signin"),
            KeyValuePair.Create("Input.Password", Password),
        ]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(browser.OwnerCookie);
    }

    [Fact]
    public async Task Sign_out_needs_its_antiforgery_token_then_removes_the_cookie_and_goes_to_the_sign_in_page()
    {
        using var browser = new OwnerHttpClient(Server.HttpUri);
        using (await browser.SignInAsync(Password))
        {
            Assert.NotNull(browser.OwnerCookie);
        }

        var signOutForm = await browser.GetFormAsync("/inbox?lang=en");
        Assert.Equal("signout", signOutForm.Action);

        using (var forged = await browser.PostAsync("/signout", []))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
            Assert.NotNull(browser.OwnerCookie);
        }

        using var signOut = await browser.SubmitAsync(signOutForm with { Action = "/signout" });
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal("/signin", browser.RedirectPath(signOut));
        Assert.Null(browser.OwnerCookie);
        using var inbox = await browser.GetAsync("/inbox");
        Assert.Equal(HttpStatusCode.Redirect, inbox.StatusCode);
    }

    [Fact]
    public async Task The_sign_in_page_has_labelled_password_field_and_both_languages()
    {
        using var browser = new OwnerHttpClient(Server.HttpUri);

        using var english = await browser.GetAsync("/signin?lang=en");
        using var chinese = await browser.GetAsync("/signin?lang=zh");

        var html = await english.Content.ReadAsStringAsync();
        Assert.Contains("<label class=\"mud-input-label", html);
        Assert.Contains("for=\"signin-password\">Password</label>", html);
        Assert.Contains("autocomplete=\"current-password\"", html);
        Assert.Contains("博主登录", await OwnerHttpClient.TextOf(chinese));
    }
}
