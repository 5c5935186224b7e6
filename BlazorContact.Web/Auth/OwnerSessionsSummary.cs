namespace BlazorContact.Web.Auth;

/// <summary>The answer of <c>GET /api/owner/sessions</c>.</summary>
/// <param name="Online">Visitor connections open right now.</param>
public sealed record OwnerSessionsSummary(int Online);
