using System.Security.Cryptography;
using BlazorContact.Web.Auth;

namespace BlazorContact.Web.Hosting;

/// <summary>
/// The browser-facing security headers, decided per route in one place. Every response gets
/// <c>nosniff</c> and a referrer policy; HTML pages get a Content-Security-Policy; the owner's pages
/// (<see cref="IsOwnerPage"/>) also refuse to be framed and send no referrer off the site. HSTS is
/// the framework's <c>UseHsts</c>, which only answers HTTPS requests (after forwarded headers) and
/// skips localhost.
/// </summary>
internal static class SecurityHeaders
{
    public const string OwnerFraming = "; frame-ancestors 'none'";
    public const string SiteReferrer = "strict-origin-when-cross-origin";
    public const string OwnerReferrer = "same-origin";

    private const string NonceItem = "BlazorContact.CspNonce";

    /// <summary>
    /// The owner's pages: a framed inbox could be clickjacked into replying or closing. The public pages
    /// (home, demo blog) hold no owner action, so they may be framed, e.g. by a blog previewing its chat.
    /// </summary>
    public static bool IsOwnerPage(PathString path) =>
        path.StartsWithSegments(OwnerAuthentication.InboxPath, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments(OwnerAuthentication.SignInPath, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments(OwnerAuthentication.SetupPath, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The pages' policy. Blazor Server needs only its own scripts and the circuit's WebSocket ('self' covers ws: and
    /// wss: to this host); <c>style-src 'unsafe-inline'</c> is for MudBlazor, which sets style attributes, and the widget's
    /// &lt;style&gt; on the demo blog.
    /// </summary>
    public static string Policy(string scriptNonce) =>
        $"default-src 'self'; script-src 'self'{scriptNonce}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";

    /// <summary>This request's script nonce, made on first use; the policy names it only if a page asked for it.</summary>
    public static string Nonce(HttpContext context)
    {
        if (context.Items[NonceItem] is not string nonce)
        {
            // Base64url: nothing in it that HTML would escape inside the attribute.
            nonce = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
            context.Items[NonceItem] = nonce;
        }

        return nonce;
    }

    public static IServiceCollection AddSecurityHeaders(this IServiceCollection services) =>
        services.AddHsts(options =>
        {
            // No includeSubDomains or preload: other hosts of the blog's domain may still be plain HTTP.
            options.MaxAge = TimeSpan.FromDays(365);
        });

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        app.UseHsts();
        return app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                var owner = IsOwnerPage(context.Request.Path);
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = owner ? OwnerReferrer : SiteReferrer;
                // Only documents use a policy; the widget script and the API's JSON are left as they are.
                if (context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
                {
                    // The nonce is for the inline import map Blazor writes (<ImportMap>); MudBlazor sets inline styles.
                    var nonce = context.Items[NonceItem] is string value ? $" 'nonce-{value}'" : "";
                    headers.ContentSecurityPolicy = Policy(nonce) + (owner ? OwnerFraming : "");
                    if (owner)
                    {
                        // For browsers that predate frame-ancestors.
                        headers.XFrameOptions = "DENY";
                    }
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
    }
}
