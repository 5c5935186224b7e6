using Microsoft.Extensions.Options;

namespace BlazorContact.Core.Notifications;

/// <summary>Fails start-up with a sentence when a <c>Notifications</c> setting is out of range.</summary>
public sealed class NotificationOptionsValidator : IValidateOptions<NotificationOptions>
{
    public ValidateOptionsResult Validate(string? name, NotificationOptions options)
    {
        var failures = new List<string>();
        if (!Uri.TryCreate(options.InboxUrl, UriKind.Absolute, out var inbox) || inbox.Scheme is not ("http" or "https") || inbox.Fragment.Length > 0)
        {
            failures.Add($"Notifications:InboxUrl must be the absolute http(s) address of the owner's inbox, e.g. https://blog.example.com/inbox (was '{options.InboxUrl}').");
        }

        if (options.QueueCapacity is < 1 or > 1_000_000)
        {
            failures.Add($"Notifications:QueueCapacity must be between 1 and 1000000 (was {options.QueueCapacity}).");
        }

        if (options.MaxAttempts is < 1 or > 100)
        {
            failures.Add($"Notifications:MaxAttempts must be between 1 and 100 (was {options.MaxAttempts}).");
        }

        if (options.InitialBackoff <= TimeSpan.Zero)
        {
            failures.Add("Notifications:InitialBackoff must be positive, e.g. 00:00:01.");
        }

        if (options.MaxBackoff < options.InitialBackoff)
        {
            failures.Add($"Notifications:MaxBackoff must be at least Notifications:InitialBackoff ({options.InitialBackoff}) (was {options.MaxBackoff}).");
        }

        if (options.BackoffJitter is < 0 or >= 1 || double.IsNaN(options.BackoffJitter))
        {
            failures.Add($"Notifications:BackoffJitter must be at least 0 and below 1, e.g. 0.2 for ±20% (was {options.BackoffJitter}).");
        }

        if (options.AttemptTimeout <= TimeSpan.Zero)
        {
            failures.Add("Notifications:AttemptTimeout must be positive, e.g. 00:00:30.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
