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
/// <para>
/// The table also holds the cluster's nodes (<see cref="ClusterSpec"/>): each container lives on one
/// node, whose memory (and cores, when limited) it uses; the global LRU list is one list per node.
/// A new container's node is chosen by the placement rule (<see cref="Place"/>). With one node and
/// no core limit every operation is what it was before nodes existed. Per-node areas are integrated
/// lazily (only when that node changes), so many nodes cost nothing per event.
/// </para>
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
        public int Node;
        public int PrevKey, NextKey, PrevLru, NextLru;
    }

    /// <summary>Per-node state: capacity, use, LRU list of its idle containers, lazily integrated areas.</summary>
    private struct NodeState
    {
        public long Capacity;
        public int Cores; // 0: unlimited
        public long Used, Idle, Peak;
        public int CoresUsed, Busy;
        public int LruHead, LruTail;
        public long Created, Evictions;
        public long Last;
        public double IdleMemoryArea, UsedMemoryArea, BusyArea;
    }

    private Slot[] _slots = new Slot[64];
    private int _highWater;
    private int[] _free = new int[64];
    private int _freeCount;
    private int[] _keyHead = [];
    private int[] _keyTail = [];
    private int[] _keyCount = [];
    private readonly NodeState[] _nodes;
    private readonly PlacementRule _placement;
    private readonly bool _coresLimited;
    private int _lastPlaced = -1;
    private int[] _idleByRuntime = [];
    private int[] _startingByRuntime = [];
    private int[] _startingUnboundByRuntime = [];
    private int[] _busyByRuntime = [];

    private long _lastTime;
    private int _starting, _idle, _busy;
    private long _idleMemory;

    /// <summary>One node of <paramref name="capacityBytes"/> without a core limit.</summary>
    public ContainerTable(long capacityBytes) : this(new ClusterSpec(capacityBytes)) { }

    public ContainerTable(ClusterSpec cluster)
    {
        if (cluster.Nodes.Count == 0) throw new ArgumentException("a cluster needs at least one node", nameof(cluster));
        _nodes = new NodeState[cluster.Nodes.Count];
        for (int n = 0; n < _nodes.Length; n++)
        {
            _nodes[n] = new NodeState { Capacity = cluster.Nodes[n].MemoryBytes, Cores = cluster.Nodes[n].Cores, LruHead = -1, LruTail = -1 };
            _coresLimited |= cluster.Nodes[n].Cores > 0;
        }
        _placement = cluster.Placement;
        CapacityBytes = cluster.MemoryBytes;
    }

    /// <summary>Total memory containers may hold (all nodes); <see cref="long.MaxValue"/> for unlimited.</summary>
    public long CapacityBytes { get; }

    /// <summary>Number of nodes.</summary>
    public int NodeCount => _nodes.Length;

    /// <summary>True when some node limits the calls it runs at once.</summary>
    public bool CoresLimited => _coresLimited;

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

    /// <summary>True when some node has <paramref name="memoryBytes"/> free (a pool container could start now).</summary>
    public bool Fits(long memoryBytes)
    {
        if (_nodes.Length == 1) return memoryBytes <= _nodes[0].Capacity - _nodes[0].Used;
        for (int n = 0; n < _nodes.Length; n++)
            if (memoryBytes <= _nodes[n].Capacity - _nodes[n].Used) return true;
        return false;
    }

    /// <summary>The node container <paramref name="id"/> lives on.</summary>
    public int Node(int id) => _slots[id].Node;

    public long NodeCapacity(int node) => _nodes[node].Capacity;
    public long NodeUsedBytes(int node) => _nodes[node].Used;
    public long NodeIdleBytes(int node) => _nodes[node].Idle;
    public long NodePeakUsedBytes(int node) => _nodes[node].Peak;
    public int NodeCores(int node) => _nodes[node].Cores;

    /// <summary>Cores of <paramref name="node"/> in use: its busy containers plus those starting for a call.</summary>
    public int NodeCoresUsed(int node) => _nodes[node].CoresUsed;
    public long NodeCreated(int node) => _nodes[node].Created;
    public long NodeEvictions(int node) => _nodes[node].Evictions;

    /// <summary>Idle containers evicted to make room, over all nodes.</summary>
    public long Evictions { get; private set; }

    /// <summary>∫ idle memory of <paramref name="node"/> dt up to <see cref="IntegratedUntil"/>, in byte·µs.</summary>
    public double NodeIdleMemoryArea(int node) => _nodes.Length == 1 ? IdleMemoryArea : _nodes[node].IdleMemoryArea + (double)_nodes[node].Idle * (_lastTime - _nodes[node].Last);

    /// <summary>∫ memory of live containers on <paramref name="node"/> dt, in byte·µs.</summary>
    public double NodeUsedMemoryArea(int node) => _nodes.Length == 1 ? UsedMemoryArea : _nodes[node].UsedMemoryArea + (double)_nodes[node].Used * (_lastTime - _nodes[node].Last);

    /// <summary>∫ busy containers on <paramref name="node"/> dt, in container·µs (core-time when a call uses one core).</summary>
    public double NodeBusyArea(int node) => _nodes.Length == 1 ? BusyArea : _nodes[node].BusyArea + (double)_nodes[node].Busy * (_lastTime - _nodes[node].Last);

    /// <summary>True when <paramref name="node"/> can run one more call (a free core, or no core limit).</summary>
    public bool HasFreeCore(int node) => _nodes[node].Cores == 0 || _nodes[node].CoresUsed < _nodes[node].Cores;

    /// <summary>
    /// The node for a new container of <paramref name="memoryBytes"/> by the placement rule among the
    /// nodes with that much free memory (and, when <paramref name="needCore"/>, a free core); −1 if none.
    /// <paramref name="function"/> (or <paramref name="runtime"/> for a generic pool container, function −1) picks the home node for <see cref="PlacementRule.Affinity"/>.
    /// </summary>
    public int Place(long memoryBytes, int function, int runtime, bool needCore) =>
        Choose(memoryBytes, function, runtime, needCore, countIdleAsFree: false);

    /// <summary>
    /// The node where evicting idle containers would make room for <paramref name="memoryBytes"/>
    /// (the placement rule applied as if idle memory were free), or −1 when no node would fit even empty of idle containers.
    /// </summary>
    public int PlaceAfterEviction(long memoryBytes, int function, int runtime, bool needCore) =>
        Choose(memoryBytes, function, runtime, needCore, countIdleAsFree: true);

    /// <summary>True when <paramref name="memoryBytes"/> fit on <paramref name="node"/> now.</summary>
    public bool FitsOn(int node, long memoryBytes) => memoryBytes <= _nodes[node].Capacity - _nodes[node].Used;

    private int Choose(long mem, int function, int runtime, bool needCore, bool countIdleAsFree)
    {
        int count = _nodes.Length;
        long Free(int n) => _nodes[n].Capacity - _nodes[n].Used + (countIdleAsFree ? _nodes[n].Idle : 0);
        bool Ok(int n) => mem <= Free(n) && (!needCore || HasFreeCore(n));
        if (count == 1) return Ok(0) ? 0 : -1;
        switch (_placement)
        {
            case PlacementRule.BestFit:
            case PlacementRule.WorstFit:
            {
                int best = -1;
                long bestFree = 0;
                for (int n = 0; n < count; n++)
                {
                    if (!Ok(n)) continue;
                    long free = Free(n);
                    if (best < 0 || (_placement == PlacementRule.BestFit ? free < bestFree : free > bestFree)) { best = n; bestFree = free; }
                }
                return best;
            }
            case PlacementRule.RoundRobin:
            case PlacementRule.Affinity:
            {
                int start = _placement == PlacementRule.RoundRobin ? _lastPlaced + 1 : (function >= 0 ? function : Math.Max(0, runtime));
                start %= count;
                for (int i = 0; i < count; i++)
                {
                    int n = (start + i) % count;
                    if (Ok(n)) return n;
                }
                return -1;
            }
            default:
                for (int n = 0; n < count; n++)
                    if (Ok(n)) return n;
                return -1;
        }
    }

    /// <summary>
    /// The most recently idle container of <paramref name="key"/> on a node with a free core (what a
    /// call can use now), or −1; the same as <see cref="MostRecentIdle"/> when no node limits cores.
    /// </summary>
    public int MostRecentUsable(int key)
    {
        int c = MostRecentIdle(key);
        if (!_coresLimited) return c;
        while (c >= 0 && !HasFreeCore(_slots[c].Node)) c = _slots[c].PrevKey;
        return c;
    }

    /// <summary>The longest idle container of <paramref name="key"/> on a node with a free core, or −1 (see <see cref="MostRecentUsable"/>).</summary>
    public int LeastRecentUsable(int key)
    {
        int c = LeastRecentIdle(key);
        if (!_coresLimited) return c;
        while (c >= 0 && !HasFreeCore(_slots[c].Node)) c = _slots[c].NextKey;
        return c;
    }

    /// <summary>The longest idle container on <paramref name="node"/>, or −1.</summary>
    public int LeastRecentIdleOnNode(int node) => _nodes[node].LruHead;

    /// <summary>The idle container after <paramref name="id"/> on its node in LRU order (more recently idle), or −1.</summary>
    public int NextIdleOnNode(int id) => _slots[id].NextLru;

    /// <summary>Counts an eviction (an idle container removed to make room) on <paramref name="node"/>; the caller removes it.</summary>
    public void CountEviction(int node)
    {
        _nodes[node].Evictions++;
        Evictions++;
    }

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

    /// <summary>The longest idle container overall (the LRU victim), or −1 (ties between nodes: the first node).</summary>
    public int LeastRecentIdleOverall
    {
        get
        {
            if (_nodes.Length == 1) return _nodes[0].LruHead;
            int best = -1;
            for (int n = 0; n < _nodes.Length; n++)
            {
                int h = _nodes[n].LruHead;
                if (h >= 0 && (best < 0 || _slots[h].IdleSince < _slots[best].IdleSince)) best = h;
            }
            return best;
        }
    }

    /// <summary>Creates a container in state Starting and reserves its memory (the caller checked <see cref="Fits"/>, or chose <paramref name="node"/>).</summary>
    /// <param name="boundCall">The call waiting for it (a cold start, which holds a core of its node), or −1 for a pool container.</param>
    /// <param name="node">The node, or −1 to place it by the cluster's rule.</param>
    public int Create(SimTime now, int runtime, int function, long memoryBytes, int boundCall, int node = -1)
    {
        Advance(now);
        if (node < 0) node = Place(memoryBytes, function, runtime, needCore: boundCall >= 0);
        if (node < 0 || !FitsOn(node, memoryBytes) || (boundCall >= 0 && !HasFreeCore(node)))
            throw new InvalidOperationException($"no node has room for a container of {memoryBytes} bytes{(boundCall >= 0 ? " and a free core" : "")}");
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
            Node = node,
            PrevKey = -1, NextKey = -1, PrevLru = -1, NextLru = -1,
        };
        ref NodeState ns = ref AdvanceNode(node);
        ns.Used += memoryBytes;
        if (ns.Used > ns.Peak) ns.Peak = ns.Used;
        ns.Created++;
        if (boundCall >= 0) ns.CoresUsed++;
        _lastPlaced = node;
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
        ref NodeState ns = ref _nodes[s.Node];
        ns.Idle += s.Memory;
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
        s.PrevLru = ns.LruTail;
        s.NextLru = -1;
        if (ns.LruTail >= 0) _slots[ns.LruTail].NextLru = id; else ns.LruHead = id;
        ns.LruTail = id;
    }

    /// <summary>Makes a Starting or Idle container Busy (serving a call).</summary>
    public void SetBusy(SimTime now, int id, int function)
    {
        Advance(now);
        ref Slot s = ref _slots[id];
        LeaveState(ref s);
        ref NodeState ns = ref _nodes[s.Node];
        if (ns.Cores > 0 && ns.CoresUsed >= ns.Cores)
            throw new InvalidOperationException($"container {id}: node {s.Node} has no free core (use MostRecentUsable/LeastRecentUsable)");
        ns.CoresUsed++;
        ns.Busy++;
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
        _nodes[s.Node].Used -= s.Memory;
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

    /// <summary>Integrates node <paramref name="node"/>'s areas up to the table's time (call after <see cref="Advance"/>).</summary>
    private ref NodeState AdvanceNode(int node)
    {
        ref NodeState ns = ref _nodes[node];
        if (_nodes.Length == 1) return ref ns; // one node: its areas are the table's (see NodeIdleMemoryArea)
        long dt = _lastTime - ns.Last;
        if (dt > 0)
        {
            ns.IdleMemoryArea += (double)ns.Idle * dt;
            ns.UsedMemoryArea += (double)ns.Used * dt;
            ns.BusyArea += (double)ns.Busy * dt;
            ns.Last = _lastTime;
        }
        return ref ns;
    }

    private void LeaveState(ref Slot s)
    {
        ref NodeState ns = ref AdvanceNode(s.Node);
        switch (s.State)
        {
            case ContainerState.Starting:
                _starting--;
                _startingByRuntime[s.Runtime]--;
                if (s.BoundCall < 0) _startingUnboundByRuntime[s.Runtime]--;
                else ns.CoresUsed--;
                break;
            case ContainerState.Idle:
                _idle--;
                _idleMemory -= s.Memory;
                ns.Idle -= s.Memory;
                _idleByRuntime[s.Runtime]--;
                Unlink(ref s);
                break;
            case ContainerState.Busy:
                _busy--;
                ns.Busy--;
                ns.CoresUsed--;
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
        ref NodeState ns = ref _nodes[s.Node];
        if (s.PrevLru >= 0) _slots[s.PrevLru].NextLru = s.NextLru; else ns.LruHead = s.NextLru;
        if (s.NextLru >= 0) _slots[s.NextLru].PrevLru = s.PrevLru; else ns.LruTail = s.PrevLru;
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
