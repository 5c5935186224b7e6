using Microsoft.Extensions.Options;

namespace BlazorContact.Core.Conversations;

/// <summary>Fails start-up with a sentence when a <c>Limits</c> setting is out of range.</summary>
public sealed class LimitsOptionsValidator : IValidateOptions<LimitsOptions>
{
    public ValidateOptionsResult Validate(string? name, LimitsOptions options)
    {
        var failures = new List<string>();
        if (options.IpMessagesPerSecond < 0 || options.IpMessageBurst < 1)
        {
            failures.Add("Limits:IpMessagesPerSecond must be 0 (off) or more, and Limits:IpMessageBurst at least 1.");
        }

        foreach (var (setting, value) in new[]
        {
            (nameof(options.NewConversationsPerIpPerHour), options.NewConversationsPerIpPerHour),
            (nameof(options.ConnectionsPerIp), options.ConnectionsPerIp),
            (nameof(options.ContactRequestsPerConversationPerHour), options.ContactRequestsPerConversationPerHour),
            (nameof(options.ContactRequestsPerIpPerHour), options.ContactRequestsPerIpPerHour),
        })
        {
            if (value < 0)
            {
                failures.Add($"Limits:{setting} must be 0 (off) or more (was {value}).");
            }
        }

        if (options.FirstMessageTimeout < TimeSpan.Zero)
        {
            failures.Add("Limits:FirstMessageTimeout must not be negative (0 turns it off), e.g. 00:01:00.");
        }

        if (options.MaxTrackedKeys is < 100 or > 10_000_000)
        {
            failures.Add($"Limits:MaxTrackedKeys must be between 100 and 10000000 (was {options.MaxTrackedKeys}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
