using System.Net;
using BlazorContact.Tests.Support;

namespace BlazorContact.Tests.Hosting;

/// <summary>The security headers each route answers with, over real HTTP.</summary>
public sealed class SecurityHeadersTests : IAsyncLifetime
{
    private ContactServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _server = await ContactServer.StartAsync();
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _server.HttpUri };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Theory]
    [InlineData("/signin")]
    [InlineData("/setup")]
    public async Task Owner_pages_refuse_framing_and_send_no_referrer_off_the_site(string path)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));

        var policy = Single(response, "Content-Security-Policy");
        Assert.Contains("frame-ancestors 'none'", policy);
        AssertPagePolicy(policy);
        Assert.Equal("DENY", Single(response, "X-Frame-Options"));
        Assert.Equal("same-origin", Single(response, "Referrer-Policy"));
        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
    }

    [Fact]
    public async Task The_inbox_redirect_for_a_stranger_carries_the_owner_headers()
    {
        using var response = await _http.GetAsync(new Uri("/inbox", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("same-origin", Single(response, "Referrer-Policy"));
        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/demo/blog-post")]
    [InlineData("/demo/static-blog.html")]
    public async Task Public_pages_have_a_policy_but_may_be_framed(string path)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policy = Single(response, "Content-Security-Policy");
        AssertPagePolicy(policy);
        Assert.DoesNotContain("frame-ancestors", policy);
        // Razor pages keep antiforgery's own SAMEORIGIN; only the owner's pages say DENY.
        Assert.NotEqual("DENY", response.Headers.TryGetValues("X-Frame-Options", out var framing) ? Assert.Single(framing) : null);
        Assert.Equal("strict-origin-when-cross-origin", Single(response, "Referrer-Policy"));
        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
    }

    [Fact]
    public async Task Blazor_pages_name_a_fresh_nonce_for_their_import_map()
    {
        var first = await PageNonceAsync();
        var second = await PageNonceAsync();

        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task The_widget_script_stays_loadable_from_any_site()
    {
        using var response = await _http.GetAsync(new Uri("/contact-widget.js", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
        Assert.Equal("*", Single(response, "Access-Control-Allow-Origin"));
        var cache = response.Headers.CacheControl!;
        Assert.True(cache.Public && cache.MustRevalidate && cache.MaxAge == TimeSpan.FromSeconds(300), cache.ToString());
        // Nothing that would stop a blog on another origin running it.
        Assert.False(response.Headers.Contains("Content-Security-Policy"));
        Assert.False(response.Headers.Contains("Cross-Origin-Resource-Policy"));
        Assert.False(response.Headers.Contains("X-Frame-Options"));
    }

    [Fact]
    public async Task Hsts_is_sent_on_https_through_a_trusted_proxy_only()
    {
        using var plain = new HttpRequestMessage(HttpMethod.Get, "/");
        plain.Headers.Host = "chat.example.com";
        using var plainResponse = await _http.SendAsync(plain);
        Assert.False(plainResponse.Headers.Contains("Strict-Transport-Security"));

        using var forwarded = new HttpRequestMessage(HttpMethod.Get, "/");
        forwarded.Headers.Add("X-Forwarded-Proto", "https");
        forwarded.Headers.Add("X-Forwarded-Host", "chat.example.com");
        using var forwardedResponse = await _http.SendAsync(forwarded);
        Assert.Equal("max-age=31536000", Single(forwardedResponse, "Strict-Transport-Security"));
    }

    private async Task<string> PageNonceAsync()
    {
        using var response = await _http.GetAsync(new Uri("/signin", UriKind.Relative));
        var policy = Single(response, "Content-Security-Policy");
        var start = policy.IndexOf("'nonce-", StringComparison.Ordinal) + "'nonce-".Length;
        Assert.True(start >= "'nonce-".Length, policy);
        var nonce = policy[start..policy.IndexOf('\'', start)];
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"<script type=\"importmap\" nonce=\"{nonce}\"", html);
        return nonce;
    }

    private static void AssertPagePolicy(string policy)
    {
        Assert.Contains("default-src 'self'", policy);
        Assert.Matches("script-src 'self'( 'nonce-[A-Za-z0-9_-]{22}')?;", policy);
        Assert.Contains("style-src 'self' 'unsafe-inline'", policy);
        Assert.Contains("connect-src 'self'", policy);
        Assert.Contains("object-src 'none'", policy);
        Assert.DoesNotContain("unsafe-eval", policy);
    }

    private static string Single(HttpResponseMessage response, string name) =>
        Assert.Single(response.Headers.TryGetValues(name, out var values) ? values : []);
}
