using BlazorContact.Core.Backplane;
using BlazorContact.Core.Events;
using BlazorContact.Core.Fanout;
using BlazorContact.Core.Health;
using BlazorContact.Core.Replies;
using Microsoft.Extensions.Options;

namespace BlazorContact.Web.Hosting;

/// <summary>The optional Redis backplane (<c>Redis:Configuration</c>): several instances over one database.</summary>
internal static class BackplaneServiceCollectionExtensions
{
    /// <summary>Registers the Redis fan-out, event bus and shared state when configured; returns false (nothing registered) when not.</summary>
    public static bool AddRedisBackplane(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RedisOptions>().Bind(configuration.GetSection(RedisOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RedisOptions>, RedisOptionsValidator>();
        if (configuration.GetSection(RedisOptions.SectionName).Get<RedisOptions>()?.IsEnabled != true)
        {
            return false;
        }

        services.AddSingleton<RedisBackplane>();
        services.AddSingleton<IReadinessCheck>(sp => sp.GetRequiredService<RedisBackplane>());
        services.AddSingleton<RedisConversationFanout>();
        services.AddSingleton<IConversationFanout>(sp => sp.GetRequiredService<RedisConversationFanout>());
        services.AddSingleton<IVisitorPresence>(sp => sp.GetRequiredService<RedisConversationFanout>());
        services.AddSingleton<RedisContactEventBus>();
        services.AddSingleton<IContactEventBus>(sp => sp.GetRequiredService<RedisContactEventBus>());
        services.AddSingleton<IAnswerClaims, RedisAnswerClaims>();
        services.AddSingleton<IPassOnOffers, RedisPassOnOffers>();
        services.AddHostedService(sp =>
        {
            // Listening from the first message on: the fan-out (presence first) before the bus, which tells the inbox.
            sp.GetRequiredService<RedisConversationFanout>();
            sp.GetRequiredService<RedisContactEventBus>();
            return sp.GetRequiredService<RedisBackplane>();
        });
        return true;
    }
}
