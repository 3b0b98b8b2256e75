using Faas.Engine;

namespace Faas.Platform;

/// <summary>
/// The containers a policy owns, as an array of small structs with a free list (ids are slot
/// indexes, reused after removal). Idle containers sit in two intrusive lists ordered by the time
/// they became idle: one per key (a function for keep-alive, a runtime for pools) and one global
/// LRU list, so "most recently used of f", "least recently used overall" and removal are O(1).
/// Memory is accounted here (used vs capacity), and every transition integrates counts and memory
/// over time, so both drivers report the same time averages. Nothing here reads a clock: every
/// mutation takes <c>now</c>, which must not decrease.
/// </summary>
public sealed class ContainerTable
{
    private struct Slot
    {
        public ContainerState State;
        public int Runtime;
        public int Function;
        public int BoundCall;
        public int Key;
        public int Generation;
        public int Incarnation;
        public int Uses;
        public long Serial;
        public long Memory;
        public long StartedAt;
        public long IdleSince;
        public int PrevKey, NextKey, PrevLru, NextLru;
    }

    private Slot[] _slots = new Slot[64];
    private int _highWater;
    private int[] _free = new int[64];
    private int _freeCount;
    private int[] _keyHead = [];
    private int[] _keyTail = [];
    private int[] _keyCount = [];
    private int _lruHead = -1, _lruTail = -1;
    private int[] _idleByRuntime = [];
    private int[] _startingByRuntime = [];
    private int[] _startingUnboundByRuntime = [];
    private int[] _busyByRuntime = [];

    private long _lastTime;
    private int _starting, _idle, _busy;
    private long _idleMemory;

    public ContainerTable(long capacityBytes) => CapacityBytes = capacityBytes;

    /// <summary>Total memory containers may hold; <see cref="long.MaxValue"/> for unlimited.</summary>
    public long CapacityBytes { get; }

    /// <summary>Memory held by live containers.</summary>
    public long UsedBytes { get; private set; }

    /// <summary>Containers ever created.</summary>
    public long Created { get; private set; }

    /// <summary>Live containers (starting, idle or busy).</summary>
    public int LiveCount => _starting + _idle + _busy;
    public int StartingCount => _starting;
    public int IdleCount => _idle;
    public int BusyCount => _busy;

    /// <summary>∫ live containers dt, in container·µs.</summary>
    public double LiveArea { get; private set; }
    public double BusyArea { get; private set; }
    public double IdleArea { get; private set; }
    public double StartingArea { get; private set; }

    /// <summary>∫ memory of idle containers dt, in byte·µs: the cost of keeping things warm.</summary>
    public double IdleMemoryArea { get; private set; }

    /// <summary>∫ memory of live containers dt, in byte·µs.</summary>
    public double UsedMemoryArea { get; private set; }

    /// <summary>The time up to which areas have been integrated.</summary>
    public SimTime IntegratedUntil => new(_lastTime);

    /// <summary>Memory held by idle containers (what evicting every idle container would free).</summary>
    public long IdleBytes => _idleMemory;

    public bool Fits(long memoryBytes) => memoryBytes <= CapacityBytes - UsedBytes;

    public ContainerState State(int id) => _slots[id].State;
    public int Runtime(int id) => _slots[id].Runtime;
    public int Function(int id) => _slots[id].Function;
    public int BoundCall(int id) => _slots[id].BoundCall;
    public int Generation(int id) => _slots[id].Generation;

    /// <summary>Which container occupies slot <paramref name="id"/>: bumped only when a new container is created in the slot (starts at 1).</summary>
    public int Incarnation(int id) => _slots[id].Incarnation;
    public int Uses(int id) => _slots[id].Uses;

    /// <summary>A number unique to this container within the run (1, 2, ... in creation order), unlike the slot id which is reused.</summary>
    public long Serial(int id) => _slots[id].Serial;

    /// <summary>The most memory live containers ever held at once.</summary>
    public long PeakUsedBytes { get; private set; }
    public long Memory(int id) => _slots[id].Memory;
    public SimTime StartedAt(int id) => new(_slots[id].StartedAt);
    public SimTime IdleSince(int id) => new(_slots[id].IdleSince);

    public int IdleOfRuntime(int r) => r < _idleByRuntime.Length ? _idleByRuntime[r] : 0;
    public int StartingOfRuntime(int r) => r < _startingByRuntime.Length ? _startingByRuntime[r] : 0;
    public int StartingUnboundOfRuntime(int r) => r < _startingUnboundByRuntime.Length ? _startingUnboundByRuntime[r] : 0;
    public int BusyOfRuntime(int r) => r < _busyByRuntime.Length ? _busyByRuntime[r] : 0;

    /// <summary>Idle containers under <paramref name="key"/>.</summary>
    public int IdleOfKey(int key) => key < _keyCount.Length ? _keyCount[key] : 0;

    /// <summary>The key an idle container is filed under (−1 when it is not idle).</summary>
    public int Key(int id) => _slots[id].Key;

    /// <summary>The idle container after <paramref name="id"/> under the same key (more recently idle), or −1.</summary>
    public int NextIdleOfKey(int id) => _slots[id].NextKey;

    /// <summary>The most recently idle container of <paramref name="key"/>, or −1.</summary>
    public int MostRecentIdle(int key) => key < _keyTail.Length ? _keyTail[key] : -1;

    /// <summary>The longest idle container of <paramref name="key"/>, or −1.</summary>
    public int LeastRecentIdle(int key) => key < _keyHead.Length ? _keyHead[key] : -1;

    /// <summary>The longest idle container overall (the LRU victim), or −1.</summary>
    public int LeastRecentIdleOverall => _lruHead;

    /// <summary>The idle container after <paramref name="id"/> in the global LRU order (more recently idle), or −1.</summary>
    public int NextIdleOverall(int id) => _slots[id].NextLru;

    /// <summary>Creates a container in state Starting and reserves its memory (the caller checked <see cref="Fits"/>).</summary>
    /// <param name="boundCall">The call waiting for it (a cold start), or −1 for a pool container.</param>
    public int Create(SimTime now, int runtime, int function, long memoryBytes, int boundCall)
    {
        Advance(now);
        int id;
        if (_freeCount > 0) id = _free[--_freeCount];
        else
        {
            if (_highWater == _slots.Length) Array.Resize(ref _slots, _slots.Length * 2);
            id = _highWater++;
        }
        ref Slot s = ref _slots[id];
        int gen = s.Generation + 1;
        int incarnation = s.Incarnation + 1;
        s = new Slot
        {
            State = ContainerState.Starting,
            Runtime = runtime,
            Function = function,
            BoundCall = boundCall,
            Key = -1,
            Generation = gen,
            Incarnation = incarnation,
            Memory = memoryBytes,
            Serial = Created + 1,
            StartedAt = now.Micros,
            PrevKey = -1, NextKey = -1, PrevLru = -1, NextLru = -1,
        };
        UsedBytes += memoryBytes;
        if (UsedBytes > PeakUsedBytes) PeakUsedBytes = UsedBytes;
        Created++;
        _starting++;
        Grow(ref _startingByRuntime, runtime)[runtime]++;
        if (boundCall < 0) Grow(ref _startingUnboundByRuntime, runtime)[runtime]++;
        return id;
    }

    /// <summary>Makes a Starting or Busy container Idle under <paramref name="key"/>; bumps its generation (invalidating older timers).</summary>
    public void SetIdle(SimTime now, int id, int key)
    {
        Advance(now);
        ref Slot s = ref _slots[id];
        LeaveState(ref s);
        s.State = ContainerState.Idle;
        s.BoundCall = -1;
        s.Generation++;
        s.IdleSince = now.Micros;
        s.Key = key;
        _idle++;
        _idleMemory += s.Memory;
        Grow(ref _idleByRuntime, s.Runtime)[s.Runtime]++;
        Grow(ref _keyHead, key, -1);
        Grow(ref _keyTail, key, -1);
        Grow(ref _keyCount, key)[key]++;
        // append at the tail of both lists (most recent)
        s.PrevKey = _keyTail[key];
        s.NextKey = -1;
        if (s.PrevKey >= 0) _slots[s.PrevKey].NextKey = id; else _keyHead[key] = id;
        _keyTail[key] = id;
        s.PrevLru = _lruTail;
        s.NextLru = -1;
        if (_lruTail >= 0) _slots[_lruTail].NextLru = id; else _lruHead = id;
        _lruTail = id;
    }

    /// <summary>Makes a Starting or Idle container Busy (serving a call).</summary>
    public void SetBusy(SimTime now, int id, int function)
    {
        Advance(now);
        ref Slot s = ref _slots[id];
        LeaveState(ref s);
        s.State = ContainerState.Busy;
        s.Function = function;
        s.BoundCall = -1;
        s.Uses++;
        _busy++;
        Grow(ref _busyByRuntime, s.Runtime)[s.Runtime]++;
    }

    /// <summary>Removes a container of any live state and frees its memory and slot.</summary>
    public void Remove(SimTime now, int id)
    {
        Advance(now);
        ref Slot s = ref _slots[id];
        if (s.State == ContainerState.Free) throw new InvalidOperationException($"container {id} is not live");
        LeaveState(ref s);
        UsedBytes -= s.Memory;
        s.State = ContainerState.Free;
        s.Generation++;
        if (_freeCount == _free.Length) Array.Resize(ref _free, _free.Length * 2);
        _free[_freeCount++] = id;
    }

    /// <summary>Integrates counts and memory up to <paramref name="now"/>.</summary>
    public void Advance(SimTime now)
    {
        long dt = now.Micros - _lastTime;
        if (dt < 0) throw new InvalidOperationException($"time went backwards: {now} < {new SimTime(_lastTime)}");
        if (dt == 0) return;
        LiveArea += (double)(_starting + _idle + _busy) * dt;
        BusyArea += (double)_busy * dt;
        IdleArea += (double)_idle * dt;
        StartingArea += (double)_starting * dt;
        IdleMemoryArea += (double)_idleMemory * dt;
        UsedMemoryArea += (double)UsedBytes * dt;
        _lastTime = now.Micros;
    }

    private void LeaveState(ref Slot s)
    {
        switch (s.State)
        {
            case ContainerState.Starting:
                _starting--;
                _startingByRuntime[s.Runtime]--;
                if (s.BoundCall < 0) _startingUnboundByRuntime[s.Runtime]--;
                break;
            case ContainerState.Idle:
                _idle--;
                _idleMemory -= s.Memory;
                _idleByRuntime[s.Runtime]--;
                Unlink(ref s);
                break;
            case ContainerState.Busy:
                _busy--;
                _busyByRuntime[s.Runtime]--;
                break;
            default:
                throw new InvalidOperationException("container is not live");
        }
    }

    private void Unlink(ref Slot s)
    {
        _keyCount[s.Key]--;
        if (s.PrevKey >= 0) _slots[s.PrevKey].NextKey = s.NextKey; else _keyHead[s.Key] = s.NextKey;
        if (s.NextKey >= 0) _slots[s.NextKey].PrevKey = s.PrevKey; else _keyTail[s.Key] = s.PrevKey;
        if (s.PrevLru >= 0) _slots[s.PrevLru].NextLru = s.NextLru; else _lruHead = s.NextLru;
        if (s.NextLru >= 0) _slots[s.NextLru].PrevLru = s.PrevLru; else _lruTail = s.PrevLru;
        s.PrevKey = s.NextKey = s.PrevLru = s.NextLru = -1;
        s.Key = -1;
    }

    private static int[] Grow(ref int[] a, int index, int fill = 0)
    {
        if (index >= a.Length)
        {
            int old = a.Length;
            Array.Resize(ref a, Math.Max(index + 1, old * 2));
            if (fill != 0) a.AsSpan(old).Fill(fill);
        }
        return a;
    }
}
