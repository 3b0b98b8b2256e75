namespace Faas.Engine;

/// <summary>
/// A min-heap of events ordered by (time, priority class, insertion sequence). Equal keys are
/// impossible because the sequence is unique, so the order is total and runs are reproducible.
/// Entries are structs kept in one array that only grows: no allocation per event in steady state.
/// </summary>
/// <typeparam name="TEvent">The event payload, a small struct.</typeparam>
public sealed class EventQueue<TEvent> where TEvent : struct
{
    private struct Entry
    {
        public long Time;
        public long Order; // priority class in the top 8 bits, insertion sequence below
        public TEvent Payload;
    }

    private Entry[] _heap;
    private int _count;
    private long _sequence;

    /// <summary>Creates an empty queue with room for <paramref name="capacity"/> events before it grows.</summary>
    public EventQueue(int capacity = 1024) => _heap = new Entry[Math.Max(4, capacity)];

    /// <summary>Number of pending events.</summary>
    public int Count => _count;

    /// <summary>Total events ever scheduled (the next insertion sequence number).</summary>
    public long Scheduled => _sequence;

    /// <summary>Schedules <paramref name="payload"/> at <paramref name="time"/>; lower <paramref name="priority"/> (0..127) runs first among events at the same time.</summary>
    public void Push(SimTime time, int priority, in TEvent payload)
    {
        if ((uint)priority > 127) throw new ArgumentOutOfRangeException(nameof(priority), "priority class must be 0..127");
        if (_count == _heap.Length) Array.Resize(ref _heap, _heap.Length * 2);
        var e = new Entry { Time = time.Micros, Order = ((long)priority << 55) | _sequence++, Payload = payload };
        int i = _count++;
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
            if (!Less(in e, in _heap[parent])) break;
            _heap[i] = _heap[parent];
            i = parent;
        }
        _heap[i] = e;
    }

    /// <summary>The time of the earliest event; <see cref="SimTime.MaxValue"/> when empty.</summary>
    public SimTime PeekTime => _count == 0 ? SimTime.MaxValue : new SimTime(_heap[0].Time);

    /// <summary>Removes the earliest event; returns false when the queue is empty.</summary>
    public bool TryPop(out SimTime time, out TEvent payload)
    {
        if (_count == 0)
        {
            time = default;
            payload = default;
            return false;
        }
        ref Entry top = ref _heap[0];
        time = new SimTime(top.Time);
        payload = top.Payload;
        Entry last = _heap[--_count];
        int i = 0;
        int half = _count >> 1;
        while (i < half)
        {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < _count && Less(in _heap[right], in _heap[child])) child = right;
            if (!Less(in _heap[child], in last)) break;
            _heap[i] = _heap[child];
            i = child;
        }
        if (_count > 0) _heap[i] = last;
        _heap[_count] = default;
        return true;
    }

    /// <summary>Drops every pending event (capacity is kept).</summary>
    public void Clear()
    {
        Array.Clear(_heap, 0, _count);
        _count = 0;
    }

    private static bool Less(in Entry a, in Entry b) =>
        a.Time < b.Time || (a.Time == b.Time && a.Order < b.Order);
}
