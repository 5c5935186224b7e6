using System.Net;
using Microsoft.Extensions.Options;

namespace BlazorContact.Web.Operations;

/// <summary>
/// <c>/metrics</c>: OpenTelemetry's Prometheus exporter, answered only to loopback and <see cref="MetricsOptions.AllowedNetworks"/>.
/// Counts of visitors and messages are not secret enough for a password, but not the public's either; refusing by
/// address (after forwarded headers) keeps it off the internet even when nginx forwards everything to the app.
/// </summary>
internal static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static IEndpointRouteBuilder MapMetricsEndpoint(this IEndpointRouteBuilder endpoints)
    {
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<MetricsOptions>>().Value;
        if (!options.Enabled)
        {
            return endpoints;
        }

        IPNetwork[] allowed = [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128"), .. options.AllowedNetworks.Select(network => IPNetwork.Parse(network))];
        endpoints.MapPrometheusScrapingEndpoint(Path, meterProvider: null, configureBranchedPipeline: branch => branch.Use(async (context, next) =>
        {
            if (!IsAllowed(context.Connection.RemoteIpAddress, allowed))
            {
                // 404 rather than 403: nothing tells a scanner there is something here.
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await next(context);
        }), optionsName: null);
        return endpoints;
    }

    private static bool IsAllowed(IPAddress? address, IPNetwork[] allowed)
    {
        if (address is null)
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return allowed.Any(network => network.Contains(address));
    }
}
