using BlazorContact.Core.Storage;

namespace BlazorContact.Core.Health;

/// <summary>
/// Ready when the conversation store answers a real read. It goes through <see cref="IConversationStore"/>, so it
/// checks whichever provider is configured (SQLite, PostgreSQL) the way a visitor's resume would use it.
/// </summary>
public sealed class DatabaseReadinessCheck(IConversationStore store) : IReadinessCheck
{
    // No conversation has this id (ids are UUIDs): the read finds nothing, but it has to reach the database to say so.
    private const string ProbeConversationId = "readiness-probe";

    public string Name => "database";

    public async Task<ReadinessResult> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            await store.FindConversationAsync(ProbeConversationId, cancellationToken).ConfigureAwait(false);
            return ReadinessResult.Healthy();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ReadinessResult.Unhealthy("the database did not answer in time");
        }
        catch (Exception ex)
        {
            return ReadinessResult.Unhealthy($"the database could not be read: {ex.Message}");
        }
    }
}
