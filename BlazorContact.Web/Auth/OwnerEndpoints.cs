using BlazorContact.Core.Fanout;
using Microsoft.AspNetCore.Antiforgery;

namespace BlazorContact.Web.Auth;

/// <summary>
/// The sign-out endpoint and the owner data API group (<c>/api/owner</c>, owner only, 401 for anyone
/// else). The sign-in and setup pages are Razor components: Components/Pages/SignIn.razor, Setup.razor.
/// </summary>
public static class OwnerEndpoints
{
    public static IEndpointRouteBuilder MapOwnerAuthentication(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(OwnerAuthentication.SignOutPath, SignOutAsync).WithName("OwnerSignOut");
        MapOwnerApi(endpoints).MapGet("/sessions", (IVisitorPresence presence) =>
            TypedResults.Json(new OwnerSessionsSummary(presence.OnlineCount), OwnerJsonContext.Default.OwnerSessionsSummary));
        return endpoints;
    }

    /// <summary>The <c>/api/owner</c> group: every endpoint mapped on it requires the owner.</summary>
    public static RouteGroupBuilder MapOwnerApi(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGroup(OwnerAuthentication.ApiPath).RequireAuthorization(OwnerAuthentication.Policy);

    /// <summary>A form's POST (with its antiforgery token) signs out and goes to the sign-in page.</summary>
    private static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery, OwnerSignIn signIn)
    {
        // Checked here because the endpoint binds no form fields, so nothing else would refuse a bad token.
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.BadRequest();
        }

        await signIn.SignOutAsync(context);
        return TypedResults.LocalRedirect(OwnerAuthentication.SignInPath);
    }
}
