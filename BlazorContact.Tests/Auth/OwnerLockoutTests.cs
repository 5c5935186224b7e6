using System.Net;
using BlazorContact.Tests.Support;

namespace BlazorContact.Tests.Auth;

/// <summary>Each test has its own server: a lockout is the server's state.</summary>
public sealed class OwnerLockoutTests
{
    private const string Password = OwnerServerFixture.Password;

    [Fact]
    public async Task Five_wrong_passwords_lock_out_the_sixth_attempt_even_with_the_right_password()
    {
        var log = new ServerLogFile();
        await using var server = await ContactServer.StartAsync(OwnerServerFixture.SettingsFor(Password, log));
        using var browser = new OwnerHttpClient(server.HttpUri);

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            using var wrong = await browser.SignInAsync($"wrong guess {attempt}");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.Contains("Wrong password.", await OwnerHttpClient.TextOf(wrong));
        }

        using (var fifth = await browser.SignInAsync("wrong guess 5"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, fifth.StatusCode);
            Assert.Contains("Too many attempts; try again in 15 minutes.", await OwnerHttpClient.TextOf(fifth));
        }

        using var sixth = await browser.SignInAsync(Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, sixth.StatusCode);
        Assert.Contains("Too many attempts; try again in 15 minutes.", await OwnerHttpClient.TextOf(sixth));
        // The seconds left of the 15-minute lockout (a loaded machine may take a second or more between attempts).
        Assert.InRange(sixth.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 840, 900);
        Assert.Null(browser.OwnerCookie);
        using (var inbox = await browser.GetAsync("/inbox"))
        {
            Assert.Equal(HttpStatusCode.Redirect, inbox.StatusCode);
        }

        using var chinese = await browser.SignInAsync(Password, "/signin?lang=zh");
        Assert.Contains("尝试次数过多，请 15 分钟后再试。", await OwnerHttpClient.TextOf(chinese));

        var text = log.Text();
        Assert.True(log.Matches(@"\[WRN\] Owner sign-in failed from 127\.0\.0\.1: wrong password").Count == 5, text);
        Assert.True(log.Matches(@"\[WRN\] Owner sign-in locked out for 15 minutes after repeated failures from 127\.0\.0\.1").Count == 1, text);
        Assert.True(log.Matches(@"\[WRN\] Owner sign-in refused from 127\.0\.0\.1: locked out").Count == 2, text);
        Assert.DoesNotContain(Password, log.Text());
        Assert.DoesNotContain("wrong guess", log.Text());
        log.Delete();
    }

    [Fact]
    public async Task The_lockout_threshold_is_a_setting()
    {
        var settings = OwnerServerFixture.SettingsFor(Password);
        settings["Owner:LockoutThreshold"] = "2";
        settings["Owner:LockoutDuration"] = "00:01:00";
        await using var server = await ContactServer.StartAsync(settings);
        using var browser = new OwnerHttpClient(server.HttpUri);

        using (await browser.SignInAsync("wrong guess 1"))
        {
        }

        using var second = await browser.SignInAsync("wrong guess 2");

        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Contains("Too many attempts; try again in 1 minute.", await OwnerHttpClient.TextOf(second));
    }

    [Fact]
    public async Task A_cookie_issued_under_another_password_hash_is_refused()
    {
        // One key ring for the three servers, so the cookie decrypts on each; only the hash differs.
        var keys = Path.Combine(Path.GetTempPath(), "blazorcontact-tests", "keys-" + Guid.NewGuid().ToString("N"));
        var settings = OwnerServerFixture.SettingsFor(Password);
        settings["DataProtection:KeysPath"] = keys;
        var otherHash = OwnerServerFixture.SettingsFor("a different long password");
        otherHash["DataProtection:KeysPath"] = keys;
        await using var first = await ContactServer.StartAsync(settings);
        using var browser = new OwnerHttpClient(first.HttpUri);
        using (await browser.SignInAsync(Password))
        {
        }

        // Cookies ignore the port, so the same jar goes to each.
        await using var sameHash = await ContactServer.StartAsync(settings);
        await using var newHash = await ContactServer.StartAsync(otherHash);
        using var atSame = new OwnerHttpClient(sameHash.HttpUri, browser.Cookies);
        using var atNew = new OwnerHttpClient(newHash.HttpUri, browser.Cookies);

        using var accepted = await atSame.GetAsync("/api/owner/sessions");
        using var refused = await atNew.GetAsync("/api/owner/sessions");

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }
}
