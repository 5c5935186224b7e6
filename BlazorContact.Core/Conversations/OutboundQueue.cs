using System.Threading.Channels;

namespace BlazorContact.Core.Conversations;

/// <summary>
/// Frames waiting to be sent to one connection, already serialized. Bounded: a client that stops
/// reading must never make the server hold unbounded memory or slow anyone else, so when the queue is
/// full the connection is given up (<see cref="Overflowed"/> fires and the endpoint aborts the socket)
/// instead of waiting or dropping a frame silently, which would break the no-loss promise.
/// </summary>
public sealed class OutboundQueue
{
    private readonly Channel<byte[]> _frames;
    private int _overflowed;
    private volatile bool _completed;

    public OutboundQueue(int capacity)
    {
        _frames = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Raised once, when a frame did not fit.</summary>
    public event Action? Overflowed;

    /// <summary>The send loop's side.</summary>
    public ChannelReader<byte[]> Reader => _frames.Reader;

    /// <summary>Queues a frame without waiting. Returns false when the queue is full or closed.</summary>
    public bool TryEnqueue(byte[] frame)
    {
        if (_frames.Writer.TryWrite(frame))
        {
            return true;
        }

        // A closed queue (the connection is ending) is not an overflow: a late reply is simply not sent
        // here, and resume finds it in the store.
        if (!_completed && Interlocked.Exchange(ref _overflowed, 1) == 0)
        {
            _frames.Writer.TryComplete();
            Overflowed?.Invoke();
        }

        return false;
    }

    /// <summary>No more frames: the send loop drains what is queued, then stops.</summary>
    public void Complete()
    {
        _completed = true;
        _frames.Writer.TryComplete();
    }
}
