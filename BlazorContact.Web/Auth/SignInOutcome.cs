namespace BlazorContact.Web.Auth;

/// <summary>The result of a sign-in attempt, as a value the page turns into words.</summary>
/// <param name="RetryAfter">For <see cref="SignInStatus.LockedOut"/>: how long until attempts are accepted again.</param>
public sealed record SignInOutcome(SignInStatus Status, TimeSpan RetryAfter = default)
{
    public static SignInOutcome SignedIn { get; } = new(SignInStatus.SignedIn);

    public static SignInOutcome WrongPassword { get; } = new(SignInStatus.WrongPassword);

    public static SignInOutcome NotSetUp { get; } = new(SignInStatus.NotSetUp);

    public static SignInOutcome LockedOut(TimeSpan retryAfter) => new(SignInStatus.LockedOut, retryAfter);

    /// <summary>Whole minutes to wait, rounded up, at least 1: what the page tells a person.</summary>
    public int RetryAfterMinutes => Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalMinutes));
}
