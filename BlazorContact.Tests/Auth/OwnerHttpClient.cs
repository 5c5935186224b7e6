using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace BlazorContact.Tests.Auth;

/// <summary>
/// HTTP as a browser does it for static pages: a cookie jar, redirects not followed (so tests see
/// them), forms read from the page with their hidden antiforgery fields and posted back.
/// </summary>
internal sealed class OwnerHttpClient : IDisposable
{
    public const string CookieName = "BlazorContact.Owner";

    private readonly HttpClient _http;

    public OwnerHttpClient(Uri server, CookieContainer? cookies = null)
    {
        Server = server;
        Cookies = cookies ?? new CookieContainer();
        _http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = server };
    }

    public Uri Server { get; }

    public CookieContainer Cookies { get; }

    /// <summary>The owner cookie's value, or null when the jar has none.</summary>
    public string? OwnerCookie => Cookies.GetCookies(Server)[CookieName]?.Value is { Length: > 0 } value ? value : null;

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(path);

    /// <summary>Any request, with the jar's cookies.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => _http.SendAsync(request);

    public Task<HttpResponseMessage> PostAsync(string path, IEnumerable<KeyValuePair<string, string>> fields) =>
        _http.PostAsync(path, new FormUrlEncodedContent(fields));

    /// <summary>Loads a page and reads its first POST form (action and hidden fields).</summary>
    public async Task<PageForm> GetFormAsync(string path)
    {
        using var response = await GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode}\n{html}");
        return PageForm.Parse(html);
    }

    /// <summary>Posts <paramref name="form"/> back with its hidden fields and the given ones.</summary>
    public Task<HttpResponseMessage> SubmitAsync(PageForm form, params (string Name, string Value)[] fields) =>
        PostAsync(form.Action, form.Hidden.Concat(fields.Select(field => KeyValuePair.Create(field.Name, field.Value))));

    /// <summary>Fills and posts the sign-in form.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string password, string path = "/signin?lang=en") =>
        await SubmitAsync(await GetFormAsync(path), ("Input.Password", password));

    /// <summary>
    /// Where a redirect goes, as a path on this server; fails when it leaves the server.
    /// </summary>
    public string RedirectPath(HttpResponseMessage response)
    {
        var location = response.Headers.Location ?? throw new InvalidOperationException($"no Location on a {(int)response.StatusCode}");
        var absolute = location.IsAbsoluteUri ? location : new Uri(Server, location);
        Assert.Equal(Server.Authority, absolute.Authority);
        return absolute.PathAndQuery;
    }

    /// <summary>The text a person reads on the page (the renderer writes CJK as character references).</summary>
    public static async Task<string> TextOf(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()).Body!.TextContent;

    public void Dispose() => _http.Dispose();
}

/// <summary>A POST form as the page rendered it.</summary>
internal sealed record PageForm(string Action, IReadOnlyList<KeyValuePair<string, string>> Hidden)
{
    public static PageForm Parse(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        var form = document.QuerySelectorAll("form").OfType<IHtmlFormElement>().First(f => f.Method.Equals("post", StringComparison.OrdinalIgnoreCase));
        var hidden = form.QuerySelectorAll("input[type=hidden]").OfType<IHtmlInputElement>()
            .Select(input => KeyValuePair.Create(input.Name!, input.Value))
            .ToList();
        return new PageForm(form.GetAttribute("action")!, hidden);
    }
}
