using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlazorContact.Core.Assistant;

/// <summary>
/// Reads <see cref="AssistantOptions.FeedUrl"/> at start and every <see cref="AssistantOptions.FeedRefreshInterval"/>
/// and hands the posts to the assistant. The host owns the loop (it is a hosted service, stopped with
/// the app); a failed refresh is logged and the assistant keeps the posts of the last good one.
/// Registered only when a feed is configured.
/// </summary>
public sealed partial class FeedRefreshService(
    KnowledgeBaseAssistant assistant,
    FeedPostSource source,
    IOptions<AssistantOptions> options,
    ILogger<FeedRefreshService> logger,
    TimeProvider timeProvider) : BackgroundService
{
    private readonly AssistantOptions options = options.Value;

    /// <summary>Completed refreshes, successful or not, so tests can wait for one.</summary>
    public long Refreshes => Interlocked.Read(ref refreshes);

    private long refreshes;

    /// <summary>Fetches once now. Returns false (after logging) when the feed could not be read.</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            var posts = await source.FetchAsync(cancellationToken);
            assistant.ReplaceFeedPosts(posts);
            Log.FeedRead(logger, posts.Count, options.FeedUrl);
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.FeedFailed(logger, exception, options.FeedUrl);
            return false;
        }
        finally
        {
            Interlocked.Increment(ref refreshes);
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                await RefreshAsync(stoppingToken);
                await Task.Delay(options.FeedRefreshInterval, timeProvider, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The app is stopping.
        }
    }
}
