using BlazorContact.Core.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace BlazorContact.Tests.Storage;

/// <summary>The group-commit engine on its own, over a fake database; the SQLite spec tests run it for real.</summary>
public sealed class GroupCommitWriterTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly FakeGroupCommitDatabase _database = new();
    private GroupCommitWriter<FakeTransaction> _writer = null!;

    public Task InitializeAsync()
    {
        _writer = NewWriter(maxBatchSize: 256);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _writer.DisposeAsync();

    [Fact]
    public async Task Writes_queued_during_a_commit_share_the_next_commit()
    {
        var held = _database.HoldNextCommit();
        var first = Write("first");
        await held;
        var rest = Enumerable.Range(0, 10).Select(i => Write($"w{i}")).ToArray();

        _database.Release();
        await Task.WhenAll([first, .. rest]).WaitAsync(Patience);

        Assert.Equal([["first"], [.. Enumerable.Range(0, 10).Select(i => $"w{i}")]], _database.Committed);
    }

    [Fact]
    public async Task A_batch_holds_at_most_MaxBatchSize_writes()
    {
        await using var writer = NewWriter(maxBatchSize: 4);
        var held = _database.HoldNextCommit();
        var first = Write(writer, "first");
        await held;
        var rest = Enumerable.Range(0, 10).Select(i => Write(writer, $"w{i}")).ToArray();

        _database.Release();
        await Task.WhenAll([first, .. rest]).WaitAsync(Patience);

        Assert.Equal([1, 4, 4, 2], _database.Committed.Select(batch => batch.Length));
    }

    [Fact]
    public async Task A_caller_is_released_only_after_the_commit_that_holds_its_write()
    {
        var held = _database.HoldNextCommit();
        var write = Write("mine");
        await held;

        Assert.False(write.IsCompleted);
        Assert.Empty(_database.Committed);

        _database.Release();
        Assert.Equal("mine", await write.WaitAsync(Patience));
        Assert.Equal([["mine"]], _database.Committed);
    }

    [Fact]
    public async Task A_bad_write_fails_alone_and_the_rest_of_its_batch_commits()
    {
        var held = _database.HoldNextCommit();
        var first = Write("first");
        await held;
        var good1 = Write("good1");
        var bad = _writer.WriteAsync<string>(transaction =>
        {
            transaction.Writes.Add("bad");
            throw new InvalidOperationException("a bug in this write");
        }, CancellationToken.None);
        var good2 = Write("good2");

        _database.Release();

        Assert.Equal("good1", await good1.WaitAsync(Patience));
        Assert.Equal("good2", await good2.WaitAsync(Patience));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => bad.WaitAsync(Patience));
        Assert.Equal("a bug in this write", error.Message);
        await first;
        Assert.Equal([["first"], ["good1"], ["good2"]], _database.Committed);
        Assert.Equal(2, _database.RolledBack);
    }

    [Fact]
    public async Task A_database_that_cannot_commit_fails_the_whole_batch_as_unavailable_without_retrying_each_write()
    {
        var held = _database.HoldNextCommit();
        var first = Write("first");
        await held;
        _database.CommitFailure = transaction => transaction.Writes.Contains("first") ? null : new TimeoutException("database is locked");
        var batch = Enumerable.Range(0, 5).Select(i => Write($"w{i}")).ToArray();

        _database.Release();
        await first.WaitAsync(Patience);

        foreach (var write in batch)
        {
            var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => write.WaitAsync(Patience));
            Assert.IsType<TimeoutException>(error.InnerException);
        }

        Assert.Equal(2, _database.Begun);
        Assert.Equal([["first"]], _database.Committed);
    }

    [Fact]
    public async Task A_write_that_cannot_begin_gets_storage_unavailable_and_the_next_one_succeeds()
    {
        _database.BeginFailure = () => new TimeoutException("database is locked");
        await Assert.ThrowsAsync<StorageUnavailableException>(() => Write("refused").WaitAsync(Patience));

        _database.BeginFailure = null;
        Assert.Equal("accepted", await Write("accepted").WaitAsync(Patience));
        Assert.Equal([["accepted"]], _database.Committed);
    }

    [Fact]
    public async Task A_slow_caller_does_not_delay_the_next_commit()
    {
        using var stuck = new ManualResetEventSlim();
        var first = Write("first");
        // A continuation that blocks its thread: it must not be the writer loop's.
        var blocked = first.ContinueWith(_ => stuck.Wait(TimeSpan.FromSeconds(30)), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        Assert.Equal("second", await Write("second").WaitAsync(Patience));

        stuck.Set();
        await blocked;
        Assert.Equal("first", await first);
    }

    [Fact]
    public async Task Disposing_commits_what_is_queued_and_later_writes_fail_as_unavailable()
    {
        var held = _database.HoldNextCommit();
        var queued = new[] { Write("first"), Write("second"), Write("third") };
        await held;

        var disposing = _writer.DisposeAsync().AsTask();
        _database.Release();
        await disposing.WaitAsync(Patience);

        Assert.Equal(["first", "second", "third"], await Task.WhenAll(queued));
        Assert.Equal(["first", "second", "third"], _database.Committed.SelectMany(batch => batch));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => Write("too late"));
    }

    [Fact]
    public async Task A_caller_waiting_for_room_in_a_full_queue_can_give_up_and_nothing_of_it_is_stored()
    {
        await using var writer = NewWriter(maxBatchSize: 256, capacity: 1);
        var held = _database.HoldNextCommit();
        var first = Write(writer, "first");
        await held;
        var second = Write(writer, "second");
        using var giveUp = new CancellationTokenSource();

        var third = writer.WriteAsync(transaction => Record(transaction, "third"), giveUp.Token);
        Assert.False(third.IsCompleted);
        await giveUp.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => third);
        _database.Release();
        await Task.WhenAll(first, second).WaitAsync(Patience);
        Assert.DoesNotContain("third", _database.Committed.SelectMany(batch => batch));
    }

    private GroupCommitWriter<FakeTransaction> NewWriter(int maxBatchSize, int capacity = GroupCommitWriter<FakeTransaction>.DefaultCapacity) =>
        new(_database, maxBatchSize, NullLogger.Instance, capacity);

    private Task<string> Write(string name) => Write(_writer, name);

    private static Task<string> Write(GroupCommitWriter<FakeTransaction> writer, string name) =>
        writer.WriteAsync(transaction => Record(transaction, name), CancellationToken.None);

    private static ValueTask<string> Record(FakeTransaction transaction, string name)
    {
        transaction.Writes.Add(name);
        return ValueTask.FromResult(name);
    }
}
