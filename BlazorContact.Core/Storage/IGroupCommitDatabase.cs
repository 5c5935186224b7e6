namespace BlazorContact.Core.Storage;

/// <summary>
/// What <see cref="GroupCommitWriter{TTransaction}"/> needs from a database: transactions on the one
/// connection the writer owns, and which errors mean the database, not the write, is at fault.
/// Called from the writer loop only, one call at a time.
/// </summary>
/// <typeparam name="TTransaction">The provider's transaction; the writer disposes it after commit or rollback.</typeparam>
public interface IGroupCommitDatabase<TTransaction>
    where TTransaction : IAsyncDisposable
{
    /// <summary>Starts the transaction a batch of writes runs in.</summary>
    ValueTask<TTransaction> BeginAsync();

    /// <summary>Commits durably: when it returns, the batch survives a process kill or a power cut.</summary>
    ValueTask CommitAsync(TTransaction transaction);

    /// <summary>Undoes a failed batch. May throw when the failure already ended the transaction; the writer ignores that.</summary>
    ValueTask RollbackAsync(TTransaction transaction);

    /// <summary>
    /// True when <paramref name="exception"/> means the database could not commit (busy, locked, read-only,
    /// full, I/O error, gone): every write of the batch would fail the same way, so none is retried.
    /// False for a fault of one write (a broken constraint, a bug), which then fails alone.
    /// </summary>
    bool IsUnavailable(Exception exception);
}
