using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace BlazorContact.Core.Notifications;

/// <summary>
/// POSTs each notification as JSON (<see cref="WebhookPayload"/>) to <c>Notifications:Webhook:Url</c>,
/// signed in <see cref="SignatureHeader"/>. Any answer but 2xx is a failure, retried by the queue;
/// redirects are not followed (a POST redirected would become a GET).
/// </summary>
public sealed class WebhookNotifier : IOwnerNotifier, IDisposable
{
    public const string SignatureHeader = "X-BlazorContact-Signature";
    public const string EventHeader = "X-BlazorContact-Event";

    private readonly WebhookNotifierOptions _options;
    private readonly HttpClient? _http;

    public WebhookNotifier(IOptions<WebhookNotifierOptions> options, IOptions<NotificationOptions> notificationOptions)
    {
        _options = options.Value;
        if (_options.IsConfigured)
        {
            // One client for the process; recycled connections follow DNS changes of the receiver.
            _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = false })
            {
                Timeout = notificationOptions.Value.AttemptTimeout,
            };
            _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("BlazorContact-Webhook", "1"));
        }
    }

    public string Name => "webhook";

    public bool IsEnabled => _http is not null;

    /// <summary>Scheme, host and port only: paths of hook URLs often carry a token.</summary>
    public string Target => Uri.TryCreate(_options.Url, UriKind.Absolute, out var url) ? url.GetLeftPart(UriPartial.Authority) : "";

    public async Task NotifyAsync(OwnerNotification notification, CancellationToken cancellationToken)
    {
        var http = _http ?? throw new InvalidOperationException("The webhook is not configured (Notifications:Webhook:Url).");
        var body = JsonSerializer.SerializeToUtf8Bytes(WebhookPayload.From(notification), NotificationJsonContext.Default.WebhookPayload);
        using var request = new HttpRequestMessage(HttpMethod.Post, _options.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(SignatureHeader, WebhookSignature.Compute(_options.Secret!, body));
        request.Headers.Add(EventHeader, notification.EventName);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The webhook answered {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
        }
    }

    public void Dispose() => _http?.Dispose();
}
