namespace BlazorContact.Web.Operations;

/// <summary><c>Health</c>: how <c>/readyz</c> asks its checks.</summary>
public sealed class HealthOptions
{
    public const string SectionName = "Health";

    /// <summary>Longest one readiness check may take before it counts as not ready.</summary>
    public TimeSpan CheckTimeout { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary><c>Metrics</c>: the Prometheus scrape endpoint.</summary>
public sealed class MetricsOptions
{
    public const string SectionName = "Metrics";

    /// <summary>Whether <c>/metrics</c> is served (the instruments are always there for dotnet-counters).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Networks (CIDR) besides loopback whose callers may read <c>/metrics</c>, such as a Prometheus on another host;
    /// everyone else gets 404. The address is the one after forwarded headers, so a visitor coming through nginx is
    /// refused even though nginx itself is on loopback.
    /// </summary>
    public string[] AllowedNetworks { get; set; } = [];
}

/// <summary>
/// <c>ForwardedHeaders</c>: which proxies' <c>X-Forwarded-For/Proto/Host</c> the app believes. Setting either list
/// replaces the default (a proxy on this machine: loopback).
/// </summary>
public sealed class ForwardedProxyOptions
{
    public const string SectionName = "ForwardedHeaders";

    /// <summary>Addresses of trusted proxies, e.g. <c>10.0.0.5</c>.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks (CIDR) of trusted proxies, e.g. <c>10.0.0.0/24</c>.</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in front of the app to believe (entries read from the right of <c>X-Forwarded-For</c>).</summary>
    public int ForwardLimit { get; set; } = 1;
}
