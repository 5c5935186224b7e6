namespace BlazorContact.Core.Notifications;

/// <summary>Settings of the <c>Notifications:Webhook</c> section. The webhook is on when <see cref="Url"/> is set.</summary>
public sealed class WebhookNotifierOptions
{
    public const string SectionName = "Notifications:Webhook";

    /// <summary>Where the JSON is POSTed, e.g. <c>https://hooks.example.com/blazorcontact</c>.</summary>
    public string? Url { get; set; }

    /// <summary>Key of the HMAC-SHA256 signature in <c>X-BlazorContact-Signature</c>; required with <see cref="Url"/>.</summary>
    public string? Secret { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Url);
}
