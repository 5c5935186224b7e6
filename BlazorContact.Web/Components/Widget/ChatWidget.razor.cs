using BlazorContact.Core.Conversations;
using BlazorContact.Core.Protocol;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace BlazorContact.Web.Components.Widget;

/// <summary>
/// The widget's session with ContactService: connects when the panel first opens, turns the visitor's
/// input into frames, applies the frames that come back, and leaves when the circuit goes.
/// </summary>
public sealed partial class ChatWidget
{
    private readonly List<WidgetLine> _lines = [];
    private readonly CancellationTokenSource _closing = new();
    private VisitorSession? _session;
    private Task? _readLoop;
    private bool _open;
    private bool _typing;
    private bool _contactSent;
    private int _sequence;
    private ChatComposer? _composer;

    [CascadingParameter]
    private HttpContext? HttpContext { get; set; }

    /// <summary>"zh" or "en"; by default the page's request language.</summary>
    [Parameter]
    public string? Lang { get; set; }

    /// <summary>The visitor's browser and address, read while prerendering and carried into the circuit.</summary>
    [PersistentState]
    public string? VisitorAgent { get; set; }

    [PersistentState]
    public string? VisitorAddress { get; set; }

    [PersistentState]
    public string? Language { get; set; }

    private UiText Ui => Localization.TextFor(Language);

    protected override void OnInitialized()
    {
        Language ??= Lang ?? (Localization.PrefersChinese(HttpContext) ? "zh" : "en");
        VisitorAgent ??= HttpContext?.Request.Headers.UserAgent.ToString();
        VisitorAddress ??= HttpContext?.Connection.RemoteIpAddress?.ToString();
    }

    private async Task OpenAsync()
    {
        _open = true;
        if (_session is null)
        {
            var outbound = new OutboundQueue(256);
            _session = Contact.Connect(new VisitorEndpoint(VisitorAgent, VisitorAddress, "blazor-widget"), outbound);
            _readLoop = ReadLoopAsync(outbound, _closing.Token);
        }

        // Render the panel first, then put the cursor in the composer.
        StateHasChanged();
        await Task.Yield();
        if (_composer is not null)
        {
            await _composer.FocusAsync();
        }
    }

    private void Close() => _open = false;

    private void OnPanelKeyDown(KeyboardEventArgs e)
    {
        if (e.Key == "Escape")
        {
            Close();
        }
    }

    /// <summary>Frames from ContactService, as a raw connection's send loop would get them.</summary>
    private async Task ReadLoopAsync(OutboundQueue outbound, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var frame in outbound.Reader.ReadAllAsync(cancellationToken))
            {
                if (ServerMessageReader.Read(frame) is { } message)
                {
                    await InvokeAsync(() =>
                    {
                        Apply(message);
                        StateHasChanged();
                    });
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The circuit went away.
        }
        catch (Exception ex)
        {
            Log.ReadLoopFailed(Logger, ex);
        }
    }

    /// <summary>Applies one server message to the panel.</summary>
    internal void Apply(ServerMessage message)
    {
        switch (message)
        {
            case ChatMessageReceived ack:
                if (_lines.FirstOrDefault(l => l.ClientMessageId == ack.ClientMessageId) is { } mine)
                {
                    mine.Received = true;
                    mine.MessageId = ack.MessageId;
                }

                break;
            case ChatMessageDelta delta:
                // A reply being written: one growing line per answered message.
                _typing = false;
                if (_lines.FirstOrDefault(l => l.DraftFor == delta.ReplyTo) is { } draft)
                {
                    draft.Text += delta.Delta;
                }
                else
                {
                    _lines.Add(new WidgetLine { Kind = WidgetLine.AssistantKind, Text = delta.Delta, DraftFor = delta.ReplyTo });
                }

                break;
            case ChatReply reply when _lines.All(l => l.MessageId != reply.MessageId):
                _typing = false;
                // The stored reply replaces its streamed preview in place: its text is the one that counts.
                if (reply.ReplyTo is { } answered && _lines.FirstOrDefault(l => l.DraftFor == answered) is { } preview)
                {
                    preview.Text = reply.Message;
                    preview.MessageId = reply.MessageId;
                    preview.DraftFor = null;
                    break;
                }

                _lines.Add(new WidgetLine
                {
                    Kind = reply.Sender == Senders.Owner ? WidgetLine.OwnerKind : WidgetLine.AssistantKind,
                    Text = reply.Message,
                    MessageId = reply.MessageId,
                });
                break;
            case Announcement announcement:
                _lines.Add(new WidgetLine { Kind = WidgetLine.AnnouncementKind, Text = announcement.Message });
                break;
            case ContactRequestReceived received:
                _lines.Add(new WidgetLine { Kind = WidgetLine.NoticeKind, Text = received.Message });
                break;
            case ErrorMessage error:
                _typing = false;
                _lines.Add(new WidgetLine { Kind = WidgetLine.ErrorKind, Text = error.Message });
                break;
        }
    }

    private async Task SendChatAsync(string text)
    {
        if (_session is null)
        {
            return;
        }

        var clientMessageId = $"w{++_sequence}-{Guid.NewGuid():N}";
        _lines.Add(new WidgetLine { Kind = WidgetLine.VisitorKind, Text = text, ClientMessageId = clientMessageId });
        _typing = true;
        await SendAsync(new ChatMessage(text, ClientMessageWriter.FormatTimestamp(Time.GetUtcNow()), clientMessageId) { Stream = true });
        _ = ClearTypingLaterAsync();
    }

    private async Task SendContactRequestAsync(ContactRequestDraft request)
    {
        if (_session is null)
        {
            return;
        }

        _lines.Add(new WidgetLine { Kind = WidgetLine.VisitorKind, Text = request.Message, Received = true });
        _contactSent = true;
        await SendAsync(new ContactRequest(
            request.Message, ClientMessageWriter.FormatTimestamp(Time.GetUtcNow()), VisitorAgent ?? "", request.Name, request.Email, "/"));
    }

    /// <summary>Through the same parser as the raw endpoint, so the same limits and errors apply.</summary>
    private Task SendAsync(ClientMessage message) =>
        Contact.HandleFrameAsync(_session!, ClientMessageWriter.Write(message), _closing.Token);

    /// <summary>The owner may have taken over, in which case no assistant answer comes: stop "typing" after a while.</summary>
    private async Task ClearTypingLaterAsync()
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(15), Time, _closing.Token);
            await InvokeAsync(() =>
            {
                _typing = false;
                StateHasChanged();
            });
        }
        catch (OperationCanceledException)
        {
            // Disposed first.
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Leave ContactService's registry, or a closed tab would stay "online" forever.
        await _closing.CancelAsync();
        if (_session is not null)
        {
            Contact.Disconnect(_session);
        }

        if (_readLoop is not null)
        {
            await _readLoop;
        }

        _closing.Dispose();
    }
}
