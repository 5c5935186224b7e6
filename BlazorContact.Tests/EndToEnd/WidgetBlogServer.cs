using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using BlazorContact.Tests.Support;

namespace BlazorContact.Tests.EndToEnd;

/// <summary>
/// Someone else's static blog: a real loopback server on its own port (so its own origin) whose page
/// embeds the widget of a contact server with the one tag. <c>/post.html?lang=en&amp;data-lang=zh</c>
/// sets the page's language and the tag's <c>data-lang</c>.
/// </summary>
public sealed class WidgetBlogServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WidgetBlogServer(WebApplication app, Uri origin)
    {
        _app = app;
        Origin = origin;
    }

    /// <summary>The blog's origin, e.g. <c>http://127.0.0.1:40123</c> (no trailing slash).</summary>
    public Uri Origin { get; }

    public string OriginText => Origin.GetLeftPart(UriPartial.Authority);

    /// <summary>Starts the blog; <paramref name="contactServer"/> is asked per request, so the contact server may start later.</summary>
    public static async Task<WidgetBlogServer> StartAsync(Func<Uri> contactServer)
    {
        var app = LoopbackApp.Create();
        app.MapGet("/post.html", (HttpContext context) =>
        {
            var host = contactServer().Authority;
            var lang = context.Request.Query["lang"].ToString() is { Length: > 0 } l ? l : "en";
            var dataLang = context.Request.Query["data-lang"].ToString() is { Length: > 0 } d ? $" data-lang=\"{WebUtility.HtmlEncode(d)}\"" : "";
            return Results.Content($"""
                <!DOCTYPE html><html lang="{WebUtility.HtmlEncode(lang)}"><head><meta charset="utf-8"><title>Someone's blog</title></head>
                <body><h1>A post</h1><p>Text.</p>
                <script src="http://{host}/contact-widget.js" data-server="ws://{host}/contact"{dataLang} async></script>
                </body></html>
                """, "text/html; charset=utf-8");
        });
        return new WidgetBlogServer(app, await LoopbackApp.StartAsync(app));
    }

    public string Post(string lang = "en", string? dataLang = null) =>
        $"{OriginText}/post.html?lang={lang}" + (dataLang is null ? "" : $"&data-lang={dataLang}");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
