using BlazorContact.Core.Protocol;
using Microsoft.Extensions.Options;

namespace BlazorContact.Core.Conversations;

/// <summary>Fails start-up with a sentence when a <c>Contact</c> setting is out of range.</summary>
public sealed class ContactOptionsValidator : IValidateOptions<ContactOptions>
{
    public ValidateOptionsResult Validate(string? name, ContactOptions options)
    {
        var failures = new List<string>();
        if (options.MaxMessageLength is < 1 or > 1_000_000)
        {
            failures.Add($"Contact:MaxMessageLength must be between 1 and 1000000 (was {options.MaxMessageLength}).");
        }

        if (options.MaxFrameBytes is < 1024 or > 16 * 1024 * 1024)
        {
            failures.Add($"Contact:MaxFrameBytes must be between 1024 and 16777216 (was {options.MaxFrameBytes}).");
        }

        // A message of MaxMessageLength Chinese characters is 3 bytes each in UTF-8, plus the JSON around it.
        if (options.MaxFrameBytes < options.MaxMessageLength)
        {
            failures.Add($"Contact:MaxFrameBytes ({options.MaxFrameBytes}) must be at least Contact:MaxMessageLength ({options.MaxMessageLength}).");
        }

        if (ServerText.For(options.Culture) is null)
        {
            failures.Add($"Contact:Culture must be one of {string.Join(", ", ServerText.SupportedCultures)} (was '{options.Culture}').");
        }

        foreach (var origin in options.AllowedOrigins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.PathAndQuery != "/")
            {
                failures.Add($"Contact:AllowedOrigins entry '{origin}' must be an origin like https://blog.example.com (scheme, host, optional port; no path).");
            }
        }

        if (options.KeepAliveInterval < TimeSpan.Zero || options.KeepAliveTimeout < TimeSpan.Zero)
        {
            failures.Add("Contact:KeepAliveInterval and Contact:KeepAliveTimeout must not be negative (0 turns them off).");
        }

        if (options.OutboundQueueLimit is < 8 or > 100_000)
        {
            failures.Add($"Contact:OutboundQueueLimit must be between 8 and 100000 (was {options.OutboundQueueLimit}).");
        }

        if (options.RateLimitPerSecond < 0 || options.RateLimitBurst < 1)
        {
            failures.Add("Contact:RateLimitPerSecond must be 0 (off) or more, and Contact:RateLimitBurst at least 1.");
        }

        if (options.SessionLifetime <= TimeSpan.Zero)
        {
            failures.Add("Contact:SessionLifetime must be positive, e.g. 30.00:00:00 for thirty days.");
        }

        if (options.CloseTimeout <= TimeSpan.Zero)
        {
            failures.Add("Contact:CloseTimeout must be positive, e.g. 00:00:05.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
