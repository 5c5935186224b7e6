namespace BlazorContact.Web.Auth;

/// <summary>Owner sign-in settings, bound from the <c>Owner</c> section.</summary>
public sealed class OwnerOptions
{
    public const string SectionName = "Owner";

    /// <summary>
    /// A hash printed by <c>hash-password</c>. When set it wins over a password chosen on the setup
    /// page, and the setup page stays closed.
    /// </summary>
    public string? PasswordHash { get; set; }

    /// <summary>Failed sign-ins from one address within <see cref="LockoutDuration"/> that lock that address out.</summary>
    public int LockoutThreshold { get; set; } = 5;

    /// <summary>
    /// Failed sign-ins from all addresses together within <see cref="LockoutDuration"/> that lock
    /// every address out: the cap on guessing from many addresses at once.
    /// </summary>
    public int GlobalLockoutThreshold { get; set; } = 20;

    /// <summary>The window failures are counted in, and how long a lockout lasts.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);
}
