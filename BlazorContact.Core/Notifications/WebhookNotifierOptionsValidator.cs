using Microsoft.Extensions.Options;

namespace BlazorContact.Core.Notifications;

/// <summary>Fails start-up with a sentence when <c>Notifications:Webhook</c> is half set or wrong; nothing set means off.</summary>
public sealed class WebhookNotifierOptionsValidator : IValidateOptions<WebhookNotifierOptions>
{
    /// <summary>Shortest secret accepted: a short key makes the signature guessable.</summary>
    public const int MinimumSecretLength = 16;

    public ValidateOptionsResult Validate(string? name, WebhookNotifierOptions options)
    {
        var failures = new List<string>();
        var hasSecret = !string.IsNullOrEmpty(options.Secret);
        if (options.IsConfigured)
        {
            if (!Uri.TryCreate(options.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                failures.Add($"Notifications:Webhook:Url must be an absolute http(s) URL, e.g. https://hooks.example.com/blazorcontact (was '{options.Url}').");
            }

            if (!hasSecret)
            {
                failures.Add("Notifications:Webhook:Secret must be set when Notifications:Webhook:Url is set: it signs every request (e.g. the output of `openssl rand -hex 32`).");
            }
            else if (options.Secret!.Length < MinimumSecretLength)
            {
                failures.Add($"Notifications:Webhook:Secret must be at least {MinimumSecretLength} characters long (e.g. the output of `openssl rand -hex 32`).");
            }
        }
        else if (hasSecret)
        {
            failures.Add("Notifications:Webhook:Url must be set when Notifications:Webhook:Secret is set (or remove the secret).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
