using BlazorContact.Core.Notifications;
using Microsoft.Extensions.Options;

namespace BlazorContact.Web.Hosting;

/// <summary>
/// Registers off-page owner notifications: email and webhook, each on only when its section is
/// configured (<see cref="IOwnerNotifier.IsEnabled"/>), and the queue that sends them in the background.
/// </summary>
internal static class NotificationServiceCollectionExtensions
{
    public static IServiceCollection AddOwnerNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NotificationOptions>().Bind(configuration.GetSection(NotificationOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<NotificationOptions>, NotificationOptionsValidator>();
        services.AddOptions<EmailNotifierOptions>().Bind(configuration.GetSection(EmailNotifierOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EmailNotifierOptions>, EmailNotifierOptionsValidator>();
        services.AddOptions<WebhookNotifierOptions>().Bind(configuration.GetSection(WebhookNotifierOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebhookNotifierOptions>, WebhookNotifierOptionsValidator>();

        services.AddSingleton<IOwnerNotifier, SmtpEmailNotifier>();
        services.AddSingleton<IOwnerNotifier, WebhookNotifier>();
        services.AddSingleton<NotificationQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<NotificationQueue>());
        return services;
    }
}
