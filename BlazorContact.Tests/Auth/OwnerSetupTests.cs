using System.Net;
using BlazorContact.Tests.Support;

namespace BlazorContact.Tests.Auth;

/// <summary>First run without a password: the setup link in the log, the setup page, and what a restart keeps.</summary>
public sealed class OwnerSetupTests : IAsyncLifetime
{
    private const string SetupLine = @"\[WRN\] Owner setup: open (?<url>http://\S+/setup\?token=(?<token>[A-Za-z0-9_-]+)) to choose the owner password";
    private const string NewPassword = "my own long password";

    private readonly ServerLogFile _log = new();
    private ContactServer _server = null!;

    public async Task InitializeAsync() => _server = await ContactServer.StartAsync(_log.Settings);

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _log.Delete();
    }

    [Fact]
    public async Task The_log_gives_a_setup_link_that_sets_the_password_once_signs_in_and_survives_a_restart()
    {
        var setupLine = Assert.Single(_log.Matches(SetupLine));
        var setupUrl = new Uri(setupLine.Groups["url"].Value);
        var token = setupLine.Groups["token"].Value;
        Assert.Equal(_server.HttpUri.Authority, setupUrl.Authority);
        Assert.Equal(43, token.Length);
        using var browser = new OwnerHttpClient(_server.HttpUri);

        using (var signInPage = await browser.GetAsync("/signin?lang=en"))
        {
            Assert.Contains("No owner password is set yet", await OwnerHttpClient.TextOf(signInPage));
        }

        using (var noPassword = await browser.SignInAsync("anything at all"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, noPassword.StatusCode);
        }

        var form = await browser.GetFormAsync(setupUrl.PathAndQuery + "&lang=en");
        Assert.Equal($"/setup?token={token}&lang=en", form.Action);

        using (var differ = await browser.SubmitAsync(form, ("Input.Password", NewPassword), ("Input.Confirmation", NewPassword + "!")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, differ.StatusCode);
            Assert.Contains("The two passwords differ.", await OwnerHttpClient.TextOf(differ));
        }

        using (var tooShort = await browser.SubmitAsync(form, ("Input.Password", "short"), ("Input.Confirmation", "short")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
            Assert.Contains("The password needs at least 10 characters.", await OwnerHttpClient.TextOf(tooShort));
        }

        Assert.Equal(0, _server.CountRows("SELECT COUNT(*) FROM owner"));
        using (var done = await browser.SubmitAsync(form, ("Input.Password", NewPassword), ("Input.Confirmation", NewPassword)))
        {
            Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
            Assert.Equal("/inbox", browser.RedirectPath(done));
            Assert.NotNull(browser.OwnerCookie);
        }

        using (var inbox = await browser.GetAsync("/inbox"))
        {
            Assert.Equal(HttpStatusCode.OK, inbox.StatusCode);
        }

        Assert.Equal(1, _server.CountRows("SELECT COUNT(*) FROM owner WHERE password_hash NOT LIKE $p", ("$p", $"%{NewPassword}%")));
        using (var used = await browser.GetAsync(setupUrl.PathAndQuery))
        {
            Assert.Equal(HttpStatusCode.NotFound, used.StatusCode);
        }

        var storedHash = StoredHash();
        using (var again = await browser.SubmitAsync(form, ("Input.Password", "someone else's password"), ("Input.Confirmation", "someone else's password")))
        {
            // The page has no setup form any more, so Blazor refuses the post before any code of ours runs.
            Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        }

        Assert.Equal(storedHash, StoredHash());

        await _server.RestartAsync();

        Assert.Single(_log.Matches(SetupLine));
        Assert.Contains("Owner sign-in: the password hash comes from the database (set on the setup page)", _log.Text());
        using (var closed = await browser.GetAsync("/setup"))
        {
            Assert.Equal(HttpStatusCode.NotFound, closed.StatusCode);
        }

        using var fresh = new OwnerHttpClient(_server.HttpUri);
        using (var wrong = await fresh.SignInAsync("someone else's password"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var signIn = await fresh.SignInAsync(NewPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        using var sessions = await fresh.GetAsync("/api/owner/sessions");
        Assert.Equal(HttpStatusCode.OK, sessions.StatusCode);
    }

    [Theory]
    [InlineData("/setup?lang=en")]
    [InlineData("/setup?lang=en&token=")]
    [InlineData("/setup?lang=en&token=not-the-token")]
    public async Task Without_the_right_token_the_setup_page_refuses(string path)
    {
        using var browser = new OwnerHttpClient(_server.HttpUri);

        using var response = await browser.GetAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var text = await OwnerHttpClient.TextOf(response);
        Assert.Contains("This setup link is not valid.", text);
        Assert.DoesNotContain("New password", text);
        Assert.Contains("Owner setup refused from 127.0.0.1: wrong or used setup token", _log.Text());
    }

    [Fact]
    public async Task A_setup_form_posted_with_another_token_stores_nothing()
    {
        var token = Assert.Single(_log.Matches(SetupLine)).Groups["token"].Value;
        using var browser = new OwnerHttpClient(_server.HttpUri);
        var form = await browser.GetFormAsync($"/setup?lang=en&token={token}");

        using var response = await browser.SubmitAsync(
            form with { Action = $"/setup?lang=en&token={token[..^1]}x" },
            ("Input.Password", NewPassword), ("Input.Confirmation", NewPassword));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("This setup link is not valid.", await OwnerHttpClient.TextOf(response));
        Assert.Equal(0, _server.CountRows("SELECT COUNT(*) FROM owner"));
        Assert.Null(browser.OwnerCookie);
    }

    [Fact]
    public async Task The_setup_form_posted_without_its_antiforgery_token_is_refused()
    {
        var token = Assert.Single(_log.Matches(SetupLine)).Groups["token"].Value;
        using var browser = new OwnerHttpClient(_server.HttpUri);

        using var response = await browser.PostAsync($"/setup?token={token}", [
            KeyValuePair.Create("_handler", "setup"),
            KeyValuePair.Create("Input.Password", NewPassword),
            KeyValuePair.Create("Input.Confirmation", NewPassword),
        ]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, _server.CountRows("SELECT COUNT(*) FROM owner"));
    }

    private string? StoredHash()
    {
        using var connection = _server.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT password_hash FROM owner";
        return command.ExecuteScalar() as string;
    }
}
