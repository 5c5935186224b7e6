using System.Collections.Concurrent;
using System.Globalization;
using BlazorContact.Core.Events;
using BlazorContact.Core.Inbox;
using BlazorContact.Web.Components.Inbox;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace BlazorContact.Web.Components.Pages;

/// <summary>
/// The owner's inbox page: holds what is listed and selected, follows ContactService's events and
/// tells the owner (snackbar, browser notification, title badge); its children draw and ask.
/// </summary>
public sealed partial class Inbox
{
    private readonly ConcurrentQueue<OwnerAttentionNeeded> _alerts = new();
    private IReadOnlyList<InboxConversation> _conversations = [];
    private IReadOnlyList<InboxMessage>? _searchResults;
    private InboxFilter _filter = InboxFilter.Open;
    private string? _searchText;
    private bool _broadcastOpen;
    private bool _tokensOpen;
    private IDisposable? _subscription;
    private int _refreshQueued;
    private string? _titleShown;

    [CascadingParameter]
    private HttpContext? HttpContext { get; set; }

    [SupplyParameterFromQuery(Name = "lang")]
    public string? LangQuery { get; set; }

    [SupplyParameterFromQuery(Name = "c")]
    public string? ConversationQuery { get; set; }

    /// <summary>Chosen while prerendering (from the request) and carried into the interactive circuit.</summary>
    [PersistentState]
    public string? Language { get; set; }

    private UiText Ui => Localization.TextFor(Language);

    private InboxConversationDetail? Selected { get; set; }

    private int TotalUnread => _conversations.Sum(c => c.UnreadCount);

    // The tab title carries the unread badge: "(3) 收件箱 · BlazorContact".
    private string Title => $"{(TotalUnread > 0 ? $"({TotalUnread}) " : "")}{Ui.Inbox} · BlazorContact";

    protected override async Task OnInitializedAsync()
    {
        Language ??= LangQuery ?? (Localization.PrefersChinese(HttpContext) ? "zh" : "en");
        await LoadListAsync();
        if (ConversationQuery is not null)
        {
            await SelectAsync(ConversationQuery);
        }

        if (RendererInfo.IsInteractive)
        {
            _subscription = Events.Subscribe(OnContactChanged);
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // The layout's <head> renders statically, so an interactive <PageTitle> can't update the tab: set it directly.
        if (Title != _titleShown)
        {
            _titleShown = Title;
            try
            {
                await JS.InvokeVoidAsync("blazorContactInbox.setTitle", Title);
            }
            catch (JSException)
            {
                // The badge is a nicety.
            }
        }
    }

    public void Dispose()
    {
        // The classic Blazor leak: a closed tab that stays subscribed keeps its whole circuit alive.
        _subscription?.Dispose();
    }

    private void OnContactChanged(ContactEvent change)
    {
        if (change is OwnerAttentionNeeded alert)
        {
            _alerts.Enqueue(alert);
        }

        // Many events in a burst become one refresh of the list and the open conversation.
        if (Interlocked.Exchange(ref _refreshQueued, 1) == 0)
        {
            _ = InvokeAsync(RefreshAsync);
        }
    }

    /// <summary>Owns its failures: it runs unobserved from the event bus, so it logs rather than throws.</summary>
    private async Task RefreshAsync()
    {
        try
        {
            await Task.Delay(100);
            Volatile.Write(ref _refreshQueued, 0);
            while (_alerts.TryDequeue(out var alert))
            {
                await AlertAsync(alert);
            }

            await LoadListAsync();
            if (Selected is not null)
            {
                Selected = await Queries.GetAsync(Selected.Conversation.Id, CancellationToken.None);
            }

            StateHasChanged();
        }
        catch (Exception ex)
        {
            Log.RefreshFailed(Logger, ex);
        }
    }

    private async Task AlertAsync(OwnerAttentionNeeded alert)
    {
        var title = alert.Reason == OwnerAttentionReason.ContactRequest ? Ui.NewContactRequest : Ui.NewVisitorMessage;
        var who = alert.VisitorName ?? alert.VisitorEmail ?? Ui.Visitor;
        Snackbar.Add($"{title} · {who}: {Excerpt.Of(alert.Text, 80)}", Severity.Info);
        try
        {
            await JS.InvokeVoidAsync("blazorContactInbox.notify", title, $"{who}: {Excerpt.Of(alert.Text, 120)}", alert.ConversationId);
        }
        catch (JSException)
        {
            // Notifications are a nicety: a browser without the API still has the snackbar and the title badge.
        }
    }

    private async Task LoadListAsync() => _conversations = await Queries.ListAsync(_filter, CancellationToken.None);

    private async Task ChangeFilterAsync(InboxFilter filter)
    {
        _filter = filter;
        await LoadListAsync();
    }

    private async Task SelectAsync(string conversationId)
    {
        Selected = await Queries.GetAsync(conversationId, CancellationToken.None);
        if (Selected is { Conversation.UnreadCount: > 0 })
        {
            await Desk.MarkReadAsync(conversationId, CancellationToken.None);
            await LoadListAsync();
        }
    }

    private async Task<bool> ReplyAsync(string text)
    {
        if (Selected is null)
        {
            return false;
        }

        try
        {
            await Desk.ReplyAsync(Selected.Conversation.Id, text, CancellationToken.None);
            await Desk.MarkReadAsync(Selected.Conversation.Id, CancellationToken.None);
            return true;
        }
        catch (Exception ex)
        {
            Log.ReplyFailed(Logger, Selected.Conversation.Id, ex);
            Snackbar.Add(Ui.SendFailed, Severity.Error);
            return false;
        }
    }

    private async Task SearchAsync(string words) => _searchResults = await Queries.SearchAsync(words, CancellationToken.None);

    private void ClearSearch()
    {
        _searchResults = null;
        _searchText = null;
    }

    private async Task SetTakeoverAsync(bool tookOver)
    {
        if (Selected is not null)
        {
            await Desk.SetTakeoverAsync(Selected.Conversation.Id, tookOver, CancellationToken.None);
            Selected = await Queries.GetAsync(Selected.Conversation.Id, CancellationToken.None);
        }
    }

    private async Task SetClosedAsync(bool closed)
    {
        if (Selected is not null)
        {
            await Desk.SetClosedAsync(Selected.Conversation.Id, closed, CancellationToken.None);
            Selected = await Queries.GetAsync(Selected.Conversation.Id, CancellationToken.None);
            await LoadListAsync();
        }
    }

    private void Broadcast(string announcement)
    {
        var sent = Desk.Announce(announcement);
        Snackbar.Add(string.Format(CultureInfo.InvariantCulture, Ui.BroadcastSent, sent), Severity.Success);
    }
}
