namespace BlazorContact.Web.Auth;

/// <summary>Where to go after signing in: the asked-for page when it is on this site, else the inbox.</summary>
public static class LocalReturnUrl
{
    /// <summary>
    /// <paramref name="returnUrl"/> when it is a local path ("/inbox?x=1"), otherwise <see cref="OwnerAuthentication.InboxPath"/>.
    /// Refuses what a browser would take to another host: absolute URLs, "//host", "/\host", control characters.
    /// </summary>
    public static string Resolve(string? returnUrl)
    {
        if (string.IsNullOrEmpty(returnUrl) || returnUrl[0] != '/' || returnUrl.Any(char.IsControl))
        {
            return OwnerAuthentication.InboxPath;
        }

        if (returnUrl.Length > 1 && returnUrl[1] is '/' or '\\')
        {
            return OwnerAuthentication.InboxPath;
        }

        // Going back to the sign-in or setup page after signing in would only show it again.
        var path = returnUrl.Split('?', '#')[0];
        return path.Equals(OwnerAuthentication.SignInPath, StringComparison.OrdinalIgnoreCase)
            || path.Equals(OwnerAuthentication.SetupPath, StringComparison.OrdinalIgnoreCase)
            ? OwnerAuthentication.InboxPath
            : returnUrl;
    }
}
