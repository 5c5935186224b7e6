using System.Net;
using Microsoft.Extensions.Options;

namespace BlazorContact.Web.Operations;

/// <summary>Fails start-up with a sentence when a <c>Health</c>, <c>Metrics</c> or <c>ForwardedHeaders</c> setting is wrong.</summary>
internal sealed class OperationsOptionsValidator :
    IValidateOptions<HealthOptions>, IValidateOptions<MetricsOptions>, IValidateOptions<ForwardedProxyOptions>
{
    public ValidateOptionsResult Validate(string? name, HealthOptions options) =>
        options.CheckTimeout <= TimeSpan.Zero || options.CheckTimeout > TimeSpan.FromMinutes(1)
            ? ValidateOptionsResult.Fail($"Health:CheckTimeout must be more than 0 and at most 00:01:00 (was {options.CheckTimeout}).")
            : ValidateOptionsResult.Success;

    public ValidateOptionsResult Validate(string? name, MetricsOptions options)
    {
        var failures = options.AllowedNetworks
            .Where(network => !IPNetwork.TryParse(network, out _))
            .Select(network => $"Metrics:AllowedNetworks has '{network}', which is not a network such as 10.0.0.0/8 or ::1/128.")
            .ToList();
        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }

    public ValidateOptionsResult Validate(string? name, ForwardedProxyOptions options)
    {
        var failures = options.KnownProxies
            .Where(proxy => !IPAddress.TryParse(proxy, out _))
            .Select(proxy => $"ForwardedHeaders:KnownProxies has '{proxy}', which is not an IP address.")
            .Concat(options.KnownNetworks
                .Where(network => !IPNetwork.TryParse(network, out _))
                .Select(network => $"ForwardedHeaders:KnownNetworks has '{network}', which is not a network such as 10.0.0.0/24."))
            .ToList();
        if (options.ForwardLimit < 1)
        {
            failures.Add($"ForwardedHeaders:ForwardLimit must be at least 1 (was {options.ForwardLimit}).");
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
