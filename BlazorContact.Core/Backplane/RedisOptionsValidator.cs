using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace BlazorContact.Core.Backplane;

/// <summary>Fails start-up with a sentence when a Redis setting is unusable. Nothing is checked when Redis is off.</summary>
public sealed class RedisOptionsValidator : IValidateOptions<RedisOptions>
{
    public ValidateOptionsResult Validate(string? name, RedisOptions options)
    {
        if (!options.IsEnabled)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        try
        {
            if (ConfigurationOptions.Parse(options.Configuration!).EndPoints.Count == 0)
            {
                failures.Add("Redis:Configuration names no server; e.g. localhost:6379.");
            }
        }
        catch (ArgumentException ex)
        {
            failures.Add($"Redis:Configuration is not a StackExchange.Redis configuration string ({ex.Message}); e.g. localhost:6379.");
        }

        if (string.IsNullOrWhiteSpace(options.ChannelPrefix) || options.ChannelPrefix.Any(char.IsWhiteSpace))
        {
            failures.Add($"Redis:ChannelPrefix must be a word without spaces, e.g. blazorcontact (was '{options.ChannelPrefix}').");
        }

        Positive(failures, nameof(options.ProbeInterval), options.ProbeInterval);
        Positive(failures, nameof(options.ReconcileInterval), options.ReconcileInterval);
        Positive(failures, nameof(options.PresenceInterval), options.PresenceInterval);
        if (options.ProbeTimeout < 2 * options.ProbeInterval)
        {
            failures.Add($"Redis:ProbeTimeout must be at least twice Redis:ProbeInterval (was {options.ProbeTimeout} for {options.ProbeInterval}).");
        }

        if (options.PresenceTtl < 2 * options.PresenceInterval)
        {
            failures.Add($"Redis:PresenceTtl must be at least twice Redis:PresenceInterval, or one late heartbeat takes visitors offline (was {options.PresenceTtl} for {options.PresenceInterval}).");
        }

        if (options.OutboxCapacity is < 1 or > 1_000_000)
        {
            failures.Add($"Redis:OutboxCapacity must be between 1 and 1000000 (was {options.OutboxCapacity}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Positive(List<string> failures, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"Redis:{name} must be positive, e.g. 00:00:05 (was {value}).");
        }
    }
}
