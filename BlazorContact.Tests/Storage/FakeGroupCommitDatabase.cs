using System.Collections.Concurrent;
using BlazorContact.Core.Storage;

namespace BlazorContact.Tests.Storage;

/// <summary>
/// A database for <see cref="GroupCommitWriter{TTransaction}"/>'s own tests: it records the writes of each
/// committed transaction, can hold a commit until released, and fails a begin or a commit on demand.
/// <see cref="TimeoutException"/> stands for "the database is busy".
/// </summary>
internal sealed class FakeGroupCommitDatabase : IGroupCommitDatabase<FakeTransaction>
{
    private TaskCompletionSource? _held;

    /// <summary>The writes of each committed transaction, in commit order.</summary>
    public ConcurrentQueue<string[]> Committed { get; } = new();

    public int Begun { get; private set; }

    public int RolledBack { get; private set; }

    public Func<Exception?>? BeginFailure { get; set; }

    public Func<FakeTransaction, Exception?>? CommitFailure { get; set; }

    /// <summary>Completes when the held commit has started; the loop then waits until <see cref="Release"/>.</summary>
    public Task HoldNextCommit()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Entered = entered;
        return entered.Task;
    }

    public void Release() => _held?.TrySetResult();

    private TaskCompletionSource? Entered { get; set; }

    public ValueTask<FakeTransaction> BeginAsync()
    {
        Begun++;
        if (BeginFailure?.Invoke() is { } failure)
        {
            throw failure;
        }

        return ValueTask.FromResult(new FakeTransaction());
    }

    public async ValueTask CommitAsync(FakeTransaction transaction)
    {
        if (_held is { } held)
        {
            Entered!.TrySetResult();
            await held.Task;
            _held = null;
        }

        if (CommitFailure?.Invoke(transaction) is { } failure)
        {
            throw failure;
        }

        Committed.Enqueue([.. transaction.Writes]);
    }

    public ValueTask RollbackAsync(FakeTransaction transaction)
    {
        RolledBack++;
        return ValueTask.CompletedTask;
    }

    public bool IsUnavailable(Exception exception) => exception is TimeoutException;
}
