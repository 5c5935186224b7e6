using System.Text.Json;
using StackExchange.Redis;

namespace BlazorContact.Core.Backplane;

/// <summary>
/// Who is online on the other instances. Each instance writes its conversations' connection counts under its own key
/// with a time to live, renewed by its heartbeat, and lists itself in a sorted set by heartbeat time; a dead instance
/// stops renewing, so its visitors go offline within <see cref="RedisOptions.PresenceTtl"/>. Reads are answered
/// from the copy the last heartbeat fetched, kept current in between by the other instances' connect and
/// disconnect events; a copy older than the time to live (Redis unreachable) is not trusted.
/// </summary>
internal sealed class ClusterPresence(RedisBackplane backplane)
{
    private readonly Lock _gate = new();
    private Dictionary<string, Dictionary<string, int>> _others = new(StringComparer.Ordinal);
    private long _fetchedAtMs = long.MinValue / 2;

    public int OnlineCount
    {
        get
        {
            lock (_gate)
            {
                return Fresh() ? _others.Values.Sum(counts => counts.Values.Sum()) : 0;
            }
        }
    }

    public bool IsOnline(string conversationId)
    {
        lock (_gate)
        {
            return Fresh() && _others.Values.Any(counts => counts.TryGetValue(conversationId, out var count) && count > 0);
        }
    }

    /// <summary>Another instance's visitor connected or left: adjust the copy until the next heartbeat replaces it.</summary>
    public void Change(string instanceId, string conversationId, int delta)
    {
        lock (_gate)
        {
            if (!_others.TryGetValue(instanceId, out var counts))
            {
                _others[instanceId] = counts = new Dictionary<string, int>(StringComparer.Ordinal);
            }

            var count = counts.GetValueOrDefault(conversationId) + delta;
            if (count > 0)
            {
                counts[conversationId] = count;
            }
            else
            {
                counts.Remove(conversationId);
            }
        }
    }

    /// <summary>Writes this instance's presence and reads every live instance's.</summary>
    public async Task BeatAsync(Dictionary<string, int> mine)
    {
        if (backplane.Database is not { } database)
        {
            return;
        }

        var options = backplane.Options;
        var now = backplane.NowMs;
        var instances = backplane.Key("instances");
        await database.StringSetAsync(
            backplane.Key($"presence:{backplane.InstanceId}"),
            JsonSerializer.SerializeToUtf8Bytes(mine, BackplaneJsonContext.Default.DictionaryStringInt32),
            options.PresenceTtl).ConfigureAwait(false);
        await database.SortedSetAddAsync(instances, backplane.InstanceId, now).ConfigureAwait(false);
        await database.SortedSetRemoveRangeByScoreAsync(instances, double.NegativeInfinity, now - options.PresenceTtl.TotalMilliseconds).ConfigureAwait(false);
        var others = (await database.SortedSetRangeByRankAsync(instances).ConfigureAwait(false))
            .Select(member => member.ToString())
            .Where(id => !string.Equals(id, backplane.InstanceId, StringComparison.Ordinal))
            .ToArray();
        var values = others.Length == 0
            ? []
            : await database.StringGetAsync([.. others.Select(id => backplane.Key($"presence:{id}"))]).ConfigureAwait(false);
        var fetched = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        for (var i = 0; i < others.Length; i++)
        {
            if (!values[i].IsNull)
            {
                fetched[others[i]] = JsonSerializer.Deserialize(((ReadOnlyMemory<byte>)values[i]).Span, BackplaneJsonContext.Default.DictionaryStringInt32)
                    ?? new Dictionary<string, int>(StringComparer.Ordinal);
            }
        }

        lock (_gate)
        {
            _others = fetched;
            _fetchedAtMs = backplane.NowMs;
        }
    }

    private bool Fresh() => backplane.NowMs - _fetchedAtMs <= backplane.Options.PresenceTtl.TotalMilliseconds;
}
