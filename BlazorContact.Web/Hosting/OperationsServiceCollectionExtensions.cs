using System.Net;
using BlazorContact.Core.Conversations;
using BlazorContact.Core.Health;
using BlazorContact.Web.Operations;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace BlazorContact.Web.Hosting;

/// <summary>Registers what an operator needs: readiness checks, metrics export, and which proxies to believe.</summary>
internal static class OperationsServiceCollectionExtensions
{
    public static IServiceCollection AddContactOperations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<OperationsOptionsValidator>();
        services.AddOptions<HealthOptions>().Bind(configuration.GetSection(HealthOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HealthOptions>>(sp => sp.GetRequiredService<OperationsOptionsValidator>());
        services.AddOptions<MetricsOptions>().Bind(configuration.GetSection(MetricsOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MetricsOptions>>(sp => sp.GetRequiredService<OperationsOptionsValidator>());
        services.AddOptions<ForwardedProxyOptions>().Bind(configuration.GetSection(ForwardedProxyOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ForwardedProxyOptions>>(sp => sp.GetRequiredService<OperationsOptionsValidator>());

        // Other parts (a backplane) add their own checks with the same interface.
        services.AddSingleton<IReadinessCheck, DatabaseReadinessCheck>();

        if (configuration.GetSection(MetricsOptions.SectionName).Get<MetricsOptions>()?.Enabled ?? true)
        {
            services.AddOpenTelemetry().WithMetrics(metrics => metrics
                .AddMeter(ContactMetrics.MeterName)
                // The framework's own meters: HTTP requests, Kestrel connections (upgraded WebSockets included), GC and threads.
                .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Runtime")
                // Every scrape sees the values of that moment; Prometheus scrapes seldom enough that caching buys nothing.
                .AddPrometheusExporter(exporter => exporter.ScrapeResponseCacheDurationMilliseconds = 0));
        }

        services.AddSingleton<IConfigureOptions<ForwardedHeadersOptions>>(sp => new ConfigureOptions<ForwardedHeadersOptions>(options =>
        {
            var proxies = sp.GetRequiredService<IOptions<ForwardedProxyOptions>>().Value;
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            options.ForwardLimit = proxies.ForwardLimit;
            if (proxies.KnownProxies.Length > 0 || proxies.KnownNetworks.Length > 0)
            {
                // Configured proxies replace the default (loopback): only they may say who the visitor is.
                options.KnownProxies.Clear();
                options.KnownIPNetworks.Clear();
                foreach (var proxy in proxies.KnownProxies)
                {
                    options.KnownProxies.Add(IPAddress.Parse(proxy));
                }

                foreach (var network in proxies.KnownNetworks)
                {
                    options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
                }
            }
        }));
        return services;
    }

    /// <summary>Maps <c>/healthz</c>, <c>/readyz</c> and (unless <c>Metrics:Enabled</c> is false) <c>/metrics</c>.</summary>
    public static IEndpointRouteBuilder MapOperationsEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHealthEndpoints().MapMetricsEndpoint();

    /// <summary>Operations endpoints are polled every few seconds: their request log lines stay at Debug.</summary>
    public static bool IsOperationsPath(PathString path) =>
        path.StartsWithSegments(HealthEndpoints.HealthPath) || path.StartsWithSegments(HealthEndpoints.ReadyPath)
        || path.StartsWithSegments(MetricsEndpoint.Path);
}
