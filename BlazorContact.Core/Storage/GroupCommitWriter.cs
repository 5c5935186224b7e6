using System.Diagnostics;
using System.Threading.Channels;
using BlazorContact.Core.Conversations;
using Microsoft.Extensions.Logging;

namespace BlazorContact.Core.Storage;

/// <summary>
/// Group commit for any provider: callers' writes share transactions, so they share the cost of the
/// durable commit (an fsync) and durable throughput grows with concurrency. One loop drains a bounded
/// channel of pending writes, runs up to <c>maxBatchSize</c> of them in one transaction, commits, and
/// only then completes each caller's task. A batch broken by one write is retried one write per
/// transaction, so a bad write fails alone; a batch that fails because the database is unavailable
/// fails every write in it with <see cref="StorageUnavailableException"/> (retrying each would only
/// wait out the busy timeout once per write). A failed write leaves nothing behind.
/// </summary>
/// <typeparam name="TTransaction">The provider's transaction, from <see cref="IGroupCommitDatabase{TTransaction}"/>.</typeparam>
public sealed partial class GroupCommitWriter<TTransaction> : IAsyncDisposable
    where TTransaction : IAsyncDisposable
{
    /// <summary>Writes that may wait for the loop before callers wait too.</summary>
    public const int DefaultCapacity = 16_384;

    private readonly IGroupCommitDatabase<TTransaction> _database;
    private readonly int _maxBatchSize;
    private readonly ILogger _logger;
    private readonly Channel<PendingWrite> _pending;
    private readonly Task _loop;

    /// <summary>Starts the writer loop over <paramref name="database"/>; the caller keeps owning the database.</summary>
    public GroupCommitWriter(IGroupCommitDatabase<TTransaction> database, int maxBatchSize, ILogger logger, int capacity = DefaultCapacity)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _database = database;
        _maxBatchSize = maxBatchSize;
        _logger = logger;
        // Full means the database cannot keep up: callers wait (still cancellable) instead of queueing without bound.
        _pending = Channel.CreateBounded<PendingWrite>(
            new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _loop = Task.Run(RunAsync, CancellationToken.None);
    }

    /// <summary>
    /// Queues <paramref name="write"/> to run inside a batch's transaction and completes after that
    /// transaction committed. <paramref name="cancellationToken"/> only cancels waiting for room in the
    /// queue: once queued, the write's outcome is decided by its commit. <paramref name="write"/> may run
    /// twice (its batch failed and it is retried alone); only the committed run counts.
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<TTransaction, ValueTask<T>> write, CancellationToken cancellationToken)
    {
        var pending = new PendingWrite<T>(write);
        try
        {
            await _pending.Writer.WriteAsync(pending, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException ex)
        {
            throw new StorageUnavailableException("The store is shutting down.", ex);
        }

        return await pending.Completion.Task.ConfigureAwait(false);
    }

    /// <summary>Stops taking writes, commits those already queued, and waits for the loop to end.</summary>
    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var batch = new List<PendingWrite>(Math.Min(_maxBatchSize, 1024));
        var reader = _pending.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < _maxBatchSize && reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            var failure = await TryCommitAsync(batch).ConfigureAwait(false);
            if (failure is null)
            {
                batch.ForEach(pending => pending.Complete());
            }
            else if (batch.Count == 1 || IsUnavailable(failure))
            {
                Log.CommitFailed(_logger, batch.Count, failure);
                var error = ForCaller(failure);
                batch.ForEach(pending => pending.Fail(error));
            }
            else
            {
                Log.RetryingOneByOne(_logger, batch.Count, failure);
                foreach (var pending in batch)
                {
                    await CommitAloneAsync(pending).ConfigureAwait(false);
                }
            }

            batch.Clear();
        }
    }

    private async Task CommitAloneAsync(PendingWrite pending)
    {
        if (await TryCommitAsync([pending]).ConfigureAwait(false) is { } failure)
        {
            Log.CommitFailed(_logger, 1, failure);
            pending.Fail(ForCaller(failure));
        }
        else
        {
            pending.Complete();
        }
    }

    /// <summary>Runs the batch in one transaction and commits it; returns what went wrong, after rolling back.</summary>
    private async Task<Exception?> TryCommitAsync(IReadOnlyList<PendingWrite> batch)
    {
        var started = Stopwatch.GetTimestamp();
        TTransaction transaction;
        try
        {
            transaction = await _database.BeginAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            return ex;
        }

        Exception? failure = null;
        try
        {
            foreach (var pending in batch)
            {
                await pending.RunAsync(transaction).ConfigureAwait(false);
            }

            await _database.CommitAsync(transaction).ConfigureAwait(false);
            ContactMetrics.Committed(Stopwatch.GetElapsedTime(started), batch.Count);
        }
        catch (Exception ex)
        {
            failure = ex;
            try
            {
                await _database.RollbackAsync(transaction).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The failure may have ended the transaction already; nothing more to undo.
            }
        }

        try
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Disposing only releases the transaction; the outcome was decided above.
        }

        return failure;
    }

    private bool IsUnavailable(Exception exception) => exception is StorageUnavailableException || _database.IsUnavailable(exception);

    private Exception ForCaller(Exception exception) =>
        exception is not StorageUnavailableException && _database.IsUnavailable(exception)
            ? new StorageUnavailableException("The database could not commit.", exception)
            : exception;

    private abstract class PendingWrite
    {
        public abstract ValueTask RunAsync(TTransaction transaction);

        public abstract void Complete();

        public abstract void Fail(Exception exception);
    }

    private sealed class PendingWrite<T>(Func<TTransaction, ValueTask<T>> write) : PendingWrite
    {
        private T? _result;

        // Continuations run off the writer loop, so a slow caller never delays the next commit.
        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async ValueTask RunAsync(TTransaction transaction) => _result = await write(transaction).ConfigureAwait(false);

        public override void Complete() => Completion.TrySetResult(_result!);

        public override void Fail(Exception exception) => Completion.TrySetException(exception);
    }
}
