using BlazorContact.Core.Storage;
using BlazorContact.Web.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace BlazorContact.Web.Auth;

/// <summary>
/// Cookie sign-in for everything owner-facing: the names and paths, and the services behind them.
/// <c>[Authorize]</c> means the owner: the default policy is <see cref="Policy"/>.
/// </summary>
public static class OwnerAuthentication
{
    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string Policy = "Owner";
    public const string OwnerName = "owner";
    public const string OwnerRole = "owner";

    /// <summary>Claim holding <see cref="OwnerCredential.Fingerprint"/> of the hash the cookie was issued under.</summary>
    public const string CredentialClaim = "owner_credential";

    public const string SignInPath = "/signin";
    public const string SignOutPath = "/signout";
    public const string SetupPath = "/setup";
    public const string InboxPath = "/inbox";

    /// <summary>Owner data endpoints: they answer 401 instead of redirecting to the sign-in page.</summary>
    public const string ApiPath = "/api/owner";

    /// <summary>How long the owner stays signed in without visiting; each visit renews it.</summary>
    public static readonly TimeSpan CookieLifetime = TimeSpan.FromDays(14);

    public static IServiceCollection AddOwnerAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OwnerOptions>().Bind(configuration.GetSection(OwnerOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OwnerOptions>, OwnerOptionsValidator>();
        services.AddSingleton<OwnerPasswordHasher>();
        services.AddSingleton<OwnerCredential>();
        services.AddSingleton<ISignInLockout, SignInLockout>();
        services.AddSingleton<OwnerSignIn>();
        services.AddSingleton<OwnerSetup>();
        services.AddHostedService<OwnerStartupNotice>();

        services.AddAuthentication(Scheme).AddCookie(Scheme, options =>
        {
            options.Cookie.Name = "BlazorContact.Owner";
            options.Cookie.HttpOnly = true;
            // Lax, not Strict: following a link to the inbox from an email or a notification must
            // arrive signed in; Lax still keeps the cookie off other sites' POSTs.
            options.Cookie.SameSite = SameSiteMode.Lax;
            // Secure whenever the request is HTTPS (behind a proxy: X-Forwarded-Proto, see ForwardedHeaders).
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = CookieLifetime;
            options.SlidingExpiration = true;
            options.LoginPath = SignInPath;
            options.LogoutPath = SignOutPath;
            options.AccessDeniedPath = SignInPath;
            options.Events.OnRedirectToLogin = context => AnswerApiOr(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => AnswerApiOr(context, StatusCodes.Status403Forbidden);
            options.Events.OnValidatePrincipal = RefuseOtherCredentialAsync;
        }).AddOwnerApiSchemes();
        var owner = new AuthorizationPolicyBuilder(Scheme).RequireAuthenticatedUser().RequireRole(OwnerRole).Build();
        services.AddAuthorizationBuilder().AddPolicy(Policy, owner).SetDefaultPolicy(owner).AddOwnerApiPolicy();
        services.AddCascadingAuthenticationState();
        services.AddAntiforgery(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        return services;
    }

    /// <summary>Owner data endpoints answer with a status code; pages redirect to the sign-in page.</summary>
    private static Task AnswerApiOr(RedirectContext<CookieAuthenticationOptions> context, int apiStatusCode)
    {
        if (context.Request.Path.StartsWithSegments(ApiPath))
        {
            context.Response.StatusCode = apiStatusCode;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }

    /// <summary>A cookie issued under another password hash (the password was changed) is signed out.</summary>
    private static async Task RefuseOtherCredentialAsync(CookieValidatePrincipalContext context)
    {
        var credential = context.HttpContext.RequestServices.GetRequiredService<OwnerCredential>();
        var hash = await credential.GetHashAsync(context.HttpContext.RequestAborted);
        var issuedUnder = context.Principal?.FindFirst(CredentialClaim)?.Value;
        if (hash is null || issuedUnder != OwnerCredential.Fingerprint(hash))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
        }
    }
}
