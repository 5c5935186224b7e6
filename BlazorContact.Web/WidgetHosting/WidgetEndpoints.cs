using System.Net;
using System.Reflection;
using BlazorContact.Web.Components;
using BlazorContact.Web.Endpoints;
using Microsoft.AspNetCore.StaticAssets;

namespace BlazorContact.Web.WidgetHosting;

/// <summary>
/// How the widget reaches other sites. <c>MapStaticAssets</c> serves the file (ETag, gzip/Brotli,
/// 304s); only its caching differs from the other assets: blogs embed the unversioned
/// <c>/contact-widget.js</c>, so it may be cached for <see cref="ShortCache"/> and is then revalidated
/// by ETag, which brings a server upgrade to every blog within minutes; <c>?v=VERSION</c> names one
/// content, so that URL is cached for a year.
/// </summary>
internal static class WidgetEndpoints
{
    public const string DemoPath = "/demo/static-blog.html";
    public const string ShortCache = "public, max-age=300, must-revalidate";
    public const string LongCache = "public, max-age=31536000, immutable";

    /// <summary>Sets the widget's cache headers on the static asset endpoints that serve it.</summary>
    public static StaticAssetsEndpointConventionBuilder WithWidgetCaching(this StaticAssetsEndpointConventionBuilder assets, WidgetScript widget)
    {
        assets.Add(endpoint =>
        {
            if (endpoint.Metadata.OfType<StaticAssetDescriptor>().FirstOrDefault()?.Route != WidgetScript.FileName
                || endpoint.RequestDelegate is not { } serve)
            {
                return;
            }

            endpoint.RequestDelegate = context =>
            {
                var pinned = context.Request.Query["v"] == widget.Version;
                context.Response.OnStarting(() =>
                {
                    if (context.Response.StatusCode is not (StatusCodes.Status200OK or StatusCodes.Status206PartialContent or StatusCodes.Status304NotModified))
                    {
                        return Task.CompletedTask;
                    }

                    var headers = context.Response.Headers;
                    headers.CacheControl = pinned ? LongCache : ShortCache;
                    // A public script: lets a blog add integrity="sha256-…" crossorigin to the versioned URL.
                    headers.AccessControlAllowOrigin = "*";
                    return Task.CompletedTask;
                });
                return serve(context);
            };
        });
        return assets;
    }

    /// <summary>Maps the demo blog, which embeds the widget with the snippet a blog would use.</summary>
    public static IEndpointConventionBuilder MapWidgetDemo(this IEndpointRouteBuilder endpoints, WidgetScript widget)
    {
        var template = ReadDemoTemplate();
        return endpoints.MapGet(DemoPath, context => ServeDemoAsync(context, widget, template)).WithName("ContactWidgetDemo");
    }

    /// <summary>The page, with the snippet written for the address it was requested at.</summary>
    private static Task ServeDemoAsync(HttpContext context, WidgetScript widget, string template)
    {
        var request = context.Request;
        var script = $"{request.Scheme}://{request.Host}{WidgetScript.Path}";
        var socket = (request.IsHttps ? "wss://" : "ws://") + request.Host + ContactEndpoint.Path;
        var html = template
            .Replace("{{lang}}", Localization.PrefersChinese(context) ? "zh-CN" : "en", StringComparison.Ordinal)
            .Replace("{{script}}", WebUtility.HtmlEncode(script), StringComparison.Ordinal)
            .Replace("{{server}}", WebUtility.HtmlEncode(socket), StringComparison.Ordinal)
            .Replace("{{version}}", widget.Version, StringComparison.Ordinal);
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        return context.Response.WriteAsync(html, context.RequestAborted);
    }

    private static string ReadDemoTemplate()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("BlazorContact.Web.WidgetHosting.static-blog.html")
            ?? throw new InvalidOperationException("The demo page template is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
