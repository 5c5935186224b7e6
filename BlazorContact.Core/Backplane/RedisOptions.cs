namespace BlazorContact.Core.Backplane;

/// <summary>
/// The Redis backplane (section <c>Redis</c>): several instances behind one load balancer, over one database.
/// Without <see cref="Configuration"/> the instance runs alone with in-process fan-out, as before.
/// </summary>
public sealed class RedisOptions
{
    public const string SectionName = "Redis";

    /// <summary>A StackExchange.Redis configuration string, e.g. <c>localhost:6379</c> or <c>redis:6379,password=…,ssl=true</c>.</summary>
    public string? Configuration { get; set; }

    /// <summary>Whether a backplane is configured.</summary>
    public bool IsEnabled => !string.IsNullOrWhiteSpace(Configuration);

    /// <summary>Prefix of the channel and keys, so several sites can share one Redis.</summary>
    public string ChannelPrefix { get; set; } = "blazorcontact";

    /// <summary>How often each instance publishes a probe on the events' channel and checks what came back.</summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Not ready, and the subscription repaired, when no own probe has come back for this long.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How often each instance compares its connections' cursors with the store and catches up those behind.</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often an instance writes which conversations it has connections for (its presence heartbeat).</summary>
    public TimeSpan PresenceInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long an instance's presence lasts without a heartbeat: a dead instance's visitors go offline after it.</summary>
    public TimeSpan PresenceTtl { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Messages waiting to be published (Redis down or slow); beyond it the oldest are dropped (reconciliation repairs them from the store).</summary>
    public int OutboxCapacity { get; set; } = 10_000;
}
