using System.Diagnostics;

namespace BlazorContact.Tests.Support;

/// <summary>
/// The one way a test waits for something another thread, the server or a process does: polls a
/// condition every 20 ms and, when time is up, fails with what it was waiting for.
/// Not for letting time pass: a test that needs that moves a <c>FakeTimeProvider</c>.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    /// <param name="awaited">What is awaited, for the failure: "the stalled client to be dropped".</param>
    public static Task UntilAsync(Func<bool> condition, string awaited, TimeSpan? timeout = null) =>
        UntilAsync(() => Task.FromResult(condition()), awaited, timeout);

    /// <param name="awaited">What is awaited, for the failure: "the stalled client to be dropped".</param>
    public static async Task UntilAsync(Func<Task<bool>> condition, string awaited, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > limit)
            {
                Assert.Fail($"Timed out after {limit.TotalSeconds:0.###} s waiting for {awaited}.");
            }

            await Task.Delay(Interval);
        }
    }
}
