namespace BlazorContact.Web.Auth;

/// <summary>How a sign-in attempt ended.</summary>
public enum SignInStatus
{
    SignedIn,
    WrongPassword,
    LockedOut,

    /// <summary>No password exists yet: neither <c>Owner:PasswordHash</c> nor one from the setup page.</summary>
    NotSetUp,
}
