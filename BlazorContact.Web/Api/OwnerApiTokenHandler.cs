using System.Security.Claims;
using System.Text.Encodings.Web;
using BlazorContact.Core.Inbox;
using BlazorContact.Core.Storage;
using BlazorContact.Web.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace BlazorContact.Web.Api;

/// <summary>
/// The bearer scheme of the owner API: <c>Authorization: Bearer bc_…</c> with a token from <see cref="OwnerApiTokens"/>.
/// No header: no result (the cookie may still sign the owner in). A header that isn't a live token: failure, and the
/// challenge answers 401 with <c>WWW-Authenticate</c> and a problem body. Failures are logged with the remote address
/// but not counted into the sign-in lockout: a token is 256 random bits, so guessing is hopeless, while counting would
/// let anyone lock the owner out of the sign-in page with garbage headers.
/// </summary>
public sealed partial class OwnerApiTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggerFactory, UrlEncoder encoder, OwnerApiTokens tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    /// <summary>The bearer scheme's name.</summary>
    public const string SchemeName = "OwnerApiToken";

    /// <summary>Claim holding the id of the token that authenticated the request.</summary>
    public const string TokenIdClaim = "owner_api_token";

    private const string BearerPrefix = "Bearer ";
    private static readonly object FailureKey = new();
    private static readonly object UnavailableKey = new();

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null)
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return Refuse("The Authorization header must be 'Bearer <token>'.", OwnerApiTokenCheckOutcome.Malformed);
        }

        OwnerApiTokenCheck check;
        try
        {
            check = await tokens.CheckAsync(header[BearerPrefix.Length..].Trim(), Context.RequestAborted);
        }
        catch (StorageUnavailableException ex)
        {
            Log.StorageUnavailable(Logger, Context.Connection.RemoteIpAddress, ex);
            Context.Items[UnavailableKey] = true;
            return AuthenticateResult.Fail(ex);
        }

        switch (check.Outcome)
        {
            case OwnerApiTokenCheckOutcome.Accepted:
                var identity = new ClaimsIdentity(
                    [
                        new Claim(ClaimTypes.Name, OwnerAuthentication.OwnerName),
                        new Claim(ClaimTypes.Role, OwnerAuthentication.OwnerRole),
                        new Claim(TokenIdClaim, check.Token!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    ],
                    SchemeName, ClaimTypes.Name, ClaimTypes.Role);
                return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
            case OwnerApiTokenCheckOutcome.Revoked:
                return Refuse("The token was revoked.", check.Outcome, check.Token!.Id);
            case OwnerApiTokenCheckOutcome.Unknown:
                return Refuse("The token is not known.", check.Outcome);
            default:
                return Refuse("The token is malformed: an owner API token is 'bc_' and 43 base64url characters.", check.Outcome);
        }
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items.ContainsKey(UnavailableKey))
        {
            Response.Headers.RetryAfter = "5";
            await OwnerApiProblems.Unavailable().ExecuteAsync(Context);
            return;
        }

        await OwnerApiProblems.WriteUnauthorizedAsync(Context, Context.Items[FailureKey] as string);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        OwnerApiProblems.Forbidden("These credentials are not the owner's.").ExecuteAsync(Context);

    private AuthenticateResult Refuse(string reason, OwnerApiTokenCheckOutcome outcome, long? tokenId = null)
    {
        Log.Refused(Logger, Context.Connection.RemoteIpAddress, outcome, tokenId);
        Context.Items[FailureKey] = reason;
        return AuthenticateResult.Fail(reason);
    }
}
