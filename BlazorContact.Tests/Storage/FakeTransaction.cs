namespace BlazorContact.Tests.Storage;

/// <summary>The writes run in one <see cref="FakeGroupCommitDatabase"/> transaction.</summary>
internal sealed class FakeTransaction : IAsyncDisposable
{
    public List<string> Writes { get; } = [];

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
