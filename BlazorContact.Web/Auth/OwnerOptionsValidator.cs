using Microsoft.Extensions.Options;

namespace BlazorContact.Web.Auth;

/// <summary>Fails start-up with a sentence when an <c>Owner</c> setting is unusable.</summary>
internal sealed class OwnerOptionsValidator : IValidateOptions<OwnerOptions>
{
    public ValidateOptionsResult Validate(string? name, OwnerOptions options)
    {
        var failures = new List<string>();
        if (!string.IsNullOrEmpty(options.PasswordHash) && OwnerPasswordHasher.Check(options.PasswordHash) is { } problem)
        {
            failures.Add($"Owner:PasswordHash is not a hash printed by `dotnet run --project BlazorContact.Web -- hash-password`: {problem}.");
        }

        if (options.LockoutThreshold is < 1 or > 1000)
        {
            failures.Add($"Owner:LockoutThreshold must be between 1 and 1000 (was {options.LockoutThreshold}).");
        }

        if (options.GlobalLockoutThreshold < Math.Max(1, options.LockoutThreshold) || options.GlobalLockoutThreshold > 100_000)
        {
            failures.Add(
                $"Owner:GlobalLockoutThreshold must be at least Owner:LockoutThreshold ({options.LockoutThreshold}) and at most 100000 (was {options.GlobalLockoutThreshold}).");
        }

        if (options.LockoutDuration <= TimeSpan.Zero)
        {
            failures.Add("Owner:LockoutDuration must be positive, e.g. 00:15:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
