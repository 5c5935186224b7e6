using BlazorContact.Web.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace BlazorContact.Web.Api;

/// <summary>
/// How the owner API (<c>/api/v1</c>) authenticates: a bearer token or the inbox's cookie, one or the other.
/// A request with an <c>Authorization</c> header is judged by the token alone (a bad token with a good cookie is
/// still refused); without one, by the cookie. Either way a refusal is the token scheme's 401 with a problem body.
/// </summary>
public static class OwnerApiAuthentication
{
    /// <summary>The policy scheme that picks the bearer or the cookie scheme per request.</summary>
    public const string Scheme = "OwnerApi";

    /// <summary>The authorization policy of every <c>/api/v1</c> endpoint.</summary>
    public const string Policy = "OwnerApi";

    /// <summary>
    /// Header a cookie-authenticated request that changes something must carry (value <c>1</c>). Another site can make
    /// a browser send the cookie (SameSite=Lax lets same-site subdomains, e.g. the blog, do it even for POSTs), but
    /// it can't add a custom header without a CORS preflight, which this server never grants. Bearer requests are
    /// exempt: a browser never adds a token by itself.
    /// </summary>
    public const string CsrfHeader = "X-BlazorContact-Csrf";

    public static AuthenticationBuilder AddOwnerApiSchemes(this AuthenticationBuilder builder)
    {
        builder.AddScheme<AuthenticationSchemeOptions, OwnerApiTokenHandler>(OwnerApiTokenHandler.SchemeName, null);
        return builder.AddPolicyScheme(Scheme, "Owner API token or cookie", options =>
        {
            options.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.Count > 0 ? OwnerApiTokenHandler.SchemeName : OwnerAuthentication.Scheme;
            // Refusals always answer as an API does (401 + WWW-Authenticate + problem), never with the cookie's redirect.
            options.ForwardChallenge = OwnerApiTokenHandler.SchemeName;
            options.ForwardForbid = OwnerApiTokenHandler.SchemeName;
        });
    }

    public static AuthorizationBuilder AddOwnerApiPolicy(this AuthorizationBuilder builder) =>
        builder.AddPolicy(Policy, new AuthorizationPolicyBuilder(Scheme).RequireAuthenticatedUser().RequireRole(OwnerAuthentication.OwnerRole).Build());

    /// <summary>True when the request was authenticated by an API token rather than the cookie.</summary>
    public static bool IsTokenAuthenticated(HttpContext context) =>
        context.User.Identity?.AuthenticationType == OwnerApiTokenHandler.SchemeName;
}
