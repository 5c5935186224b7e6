using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using BlazorContact.Tests.Auth;
using BlazorContact.Tests.Support;

namespace BlazorContact.Tests.Api;

/// <summary>
/// The owner API as an integration calls it: real HTTP to the real server, with a bearer token, or with the
/// owner's cookie (signed in through the real sign-in form) and, when asked, the CSRF header.
/// </summary>
internal sealed class OwnerApiClient : IDisposable
{
    private readonly OwnerHttpClient _http;

    private OwnerApiClient(OwnerHttpClient http, string? token, bool csrfHeader)
    {
        _http = http;
        Token = token;
        CsrfHeader = csrfHeader;
    }

    public string? Token { get; }

    public bool CsrfHeader { get; }

    /// <summary>Signs in with the owner's password; requests then carry the cookie (and the CSRF header unless told not to).</summary>
    public static async Task<OwnerApiClient> SignInAsync(ContactServer server, bool csrfHeader = true)
    {
        var http = new OwnerHttpClient(server.HttpUri);
        using var signIn = await http.SignInAsync(OwnerServerFixture.Password);
        Assert.NotNull(http.OwnerCookie);
        return new OwnerApiClient(http, null, csrfHeader);
    }

    /// <summary>Requests carry <c>Authorization: Bearer</c> with <paramref name="token"/> and no cookie.</summary>
    public static OwnerApiClient WithToken(ContactServer server, string token) => new(new OwnerHttpClient(server.HttpUri), token, false);

    /// <summary>Creates a token through the API with the owner's cookie and returns its secret.</summary>
    public static async Task<(string Secret, long Id)> CreateTokenAsync(ContactServer server, string name = "test script")
    {
        using var owner = await SignInAsync(server);
        using var response = await owner.PostJsonAsync("/api/v1/tokens", $$"""{"name": "{{name}}"}""");
        var body = await JsonOf(response, 201);
        return (body.GetProperty("secret").GetString()!, body.GetProperty("token").GetProperty("id").GetInt64());
    }

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

    public Task<HttpResponseMessage> PostJsonAsync(string path, string json, string contentType = "application/json") =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, contentType) });

    public Task<HttpResponseMessage> PostAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Post, path));

    public Task<HttpResponseMessage> DeleteAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Delete, path));

    /// <summary>Reads a JSON answer after checking its status (the body is in the failure message).</summary>
    public static async Task<JsonElement> JsonOf(HttpResponseMessage response, int status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Checks a problem-details answer: status, media type, and that its detail says something.</summary>
    public static async Task<JsonElement> ProblemOf(HttpResponseMessage response, int status)
    {
        var problem = await JsonOf(response, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.StartsWith("https://tools.ietf.org/html/rfc9110#section-15.", problem.GetProperty("type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        return problem;
    }

    public void Dispose() => _http.Dispose();

    private Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        if (Token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        }

        if (CsrfHeader)
        {
            request.Headers.Add("X-BlazorContact-Csrf", "1");
        }

        return _http.SendAsync(request);
    }
}
