using Faas.Engine;
using Faas.Platform.Containers;

namespace Faas.Platform;

/// <summary>
/// The containers a policy owns, and the one door through which it changes them. Nothing here reads
/// a clock: every mutation takes <c>now</c>, which must not decrease. The table is a façade over
/// four parts, each with one job, which it keeps in step on every mutation:
/// <list type="bullet">
/// <item><see cref="ContainerSlots"/>: the slots (ids are slot indexes, reused after removal) and
/// each container's state machine, Starting → Idle ⇄ Busy → removed, with generations.</item>
/// <item><see cref="IdleLists"/>: idle containers in two intrusive lists ordered by the time they
/// became idle, one per key (a function for keep-alive, a runtime for pools) and one LRU list per
/// node, so "most recently used of f", "least recently used overall" and removal are O(1).</item>
/// <item><see cref="NodeLedger"/> and <see cref="NodePlacement"/>: the cluster's nodes
/// (<see cref="ClusterSpec"/>), the memory and cores each container holds on its node, and which
/// node a new container goes to.</item>
/// <item><see cref="OccupancyMonitor"/> (inside the ledger): containers and memory by state,
/// integrated over time, so both drivers report the same time averages; per-node areas are
/// integrated lazily (only when that node changes), so many nodes cost nothing per event.</item>
/// </list>
/// With one node and no core limit every operation is what it was before nodes existed.
/// </summary>
public sealed class ContainerTable
{
    // The parts are mutable structs held here by value and used in place (never copied): a policy's
    // every table call then reaches the arrays in one load, as when this was one class.
    private ContainerSlots _slots = new();
    private IdleLists _idle;
    private NodeLedger _nodes;
    private readonly PlacementRule _placement;

    /// <summary>One node of <paramref name="capacityBytes"/> without a core limit.</summary>
    public ContainerTable(long capacityBytes) : this(new ClusterSpec(capacityBytes)) { }

    public ContainerTable(ClusterSpec cluster)
    {
        if (cluster.Nodes.Count == 0) throw new ArgumentException("a cluster needs at least one node", nameof(cluster));
        _nodes = new NodeLedger([.. cluster.Nodes.Select(n => (n.MemoryBytes, n.Cores))]);
        _idle = new IdleLists(cluster.Nodes.Count);
        _placement = cluster.Placement;
        CapacityBytes = cluster.MemoryBytes;
    }

    /// <summary>Total memory containers may hold (all nodes); <see cref="long.MaxValue"/> for unlimited.</summary>
    public long CapacityBytes { get; }

    /// <summary>Number of nodes.</summary>
    public int NodeCount => _nodes.Count;

    /// <summary>True when some node limits the calls it runs at once.</summary>
    public bool CoresLimited => _nodes.CoresLimited;

    /// <summary>Memory held by live containers.</summary>
    public long UsedBytes => _nodes.Total.UsedBytes;

    /// <summary>Containers ever created.</summary>
    public long Created => _slots.Created;

    /// <summary>Live containers (starting, idle or busy).</summary>
    public int LiveCount => _nodes.Total.Live;
    public int StartingCount => _nodes.Total.Starting;
    public int IdleCount => _nodes.Total.Idle;
    public int BusyCount => _nodes.Total.Busy;

    /// <summary>∫ live containers dt, in container·µs.</summary>
    public double LiveArea => _nodes.Total.LiveArea;
    public double BusyArea => _nodes.Total.BusyArea;
    public double IdleArea => _nodes.Total.IdleArea;
    public double StartingArea => _nodes.Total.StartingArea;

    /// <summary>∫ memory of idle containers dt, in byte·µs: the cost of keeping things warm.</summary>
    public double IdleMemoryArea => _nodes.Total.IdleMemoryArea;

    /// <summary>∫ memory of live containers dt, in byte·µs.</summary>
    public double UsedMemoryArea => _nodes.Total.UsedMemoryArea;

    /// <summary>The time up to which areas have been integrated.</summary>
    public SimTime IntegratedUntil => new(_nodes.Total.Until);

    /// <summary>Memory held by idle containers (what evicting every idle container would free).</summary>
    public long IdleBytes => _nodes.Total.IdleBytes;

    /// <summary>True when some node has <paramref name="memoryBytes"/> free (a pool container could start now).</summary>
    public bool Fits(long memoryBytes) => _nodes.Fits(memoryBytes);

    /// <summary>The node container <paramref name="id"/> lives on.</summary>
    public int Node(int id) => _slots[id].Node;

    public long NodeCapacity(int node) => _nodes.Capacity(node);
    public long NodeUsedBytes(int node) => _nodes.UsedBytes(node);
    public long NodeIdleBytes(int node) => _nodes.IdleBytes(node);
    public long NodePeakUsedBytes(int node) => _nodes.PeakUsedBytes(node);
    public int NodeCores(int node) => _nodes.Cores(node);

    /// <summary>Cores of <paramref name="node"/> in use: its busy containers plus those starting for a call.</summary>
    public int NodeCoresUsed(int node) => _nodes.CoresUsed(node);
    public long NodeCreated(int node) => _nodes.Created(node);
    public long NodeEvictions(int node) => _nodes.EvictionsOn(node);

    /// <summary>Idle containers evicted to make room, over all nodes.</summary>
    public long Evictions => _nodes.Evictions;

    /// <summary>∫ idle memory of <paramref name="node"/> dt up to <see cref="IntegratedUntil"/>, in byte·µs.</summary>
    public double NodeIdleMemoryArea(int node) => _nodes.IdleMemoryArea(node);

    /// <summary>∫ memory of live containers on <paramref name="node"/> dt, in byte·µs.</summary>
    public double NodeUsedMemoryArea(int node) => _nodes.UsedMemoryArea(node);

    /// <summary>∫ busy containers on <paramref name="node"/> dt, in container·µs (core-time when a call uses one core).</summary>
    public double NodeBusyArea(int node) => _nodes.BusyArea(node);

    /// <summary>True when <paramref name="node"/> can run one more call (a free core, or no core limit).</summary>
    public bool HasFreeCore(int node) => _nodes.HasFreeCore(node);

    /// <summary>
    /// The node for a new container of <paramref name="memoryBytes"/> by the placement rule among the
    /// nodes with that much free memory (and, when <paramref name="needCore"/>, a free core); −1 if none.
    /// <paramref name="function"/> (or <paramref name="runtime"/> for a generic pool container, function −1) picks the home node for <see cref="PlacementRule.Affinity"/>.
    /// </summary>
    public int Place(long memoryBytes, int function, int runtime, bool needCore) =>
        NodePlacement.Choose(in _nodes, _placement, memoryBytes, function, runtime, needCore, countIdleAsFree: false);

    /// <summary>
    /// The node where evicting idle containers would make room for <paramref name="memoryBytes"/>
    /// (the placement rule applied as if idle memory were free), or −1 when no node would fit even empty of idle containers.
    /// </summary>
    public int PlaceAfterEviction(long memoryBytes, int function, int runtime, bool needCore) =>
        NodePlacement.Choose(in _nodes, _placement, memoryBytes, function, runtime, needCore, countIdleAsFree: true);

    /// <summary>True when <paramref name="memoryBytes"/> fit on <paramref name="node"/> now.</summary>
    public bool FitsOn(int node, long memoryBytes) => _nodes.FitsOn(node, memoryBytes);

    /// <summary>
    /// The most recently idle container of <paramref name="key"/> on a node with a free core (what a
    /// call can use now), or −1; the same as <see cref="MostRecentIdle"/> when no node limits cores.
    /// </summary>
    public int MostRecentUsable(int key)
    {
        int c = _idle.MostRecent(key);
        if (!_nodes.CoresLimited) return c;
        while (c >= 0 && !_nodes.HasFreeCore(_slots[c].Idle.Node)) c = _slots[c].Idle.PrevKey;
        return c;
    }

    /// <summary>The longest idle container of <paramref name="key"/> on a node with a free core, or −1 (see <see cref="MostRecentUsable"/>).</summary>
    public int LeastRecentUsable(int key)
    {
        int c = _idle.LeastRecent(key);
        if (!_nodes.CoresLimited) return c;
        while (c >= 0 && !_nodes.HasFreeCore(_slots[c].Idle.Node)) c = _slots[c].Idle.NextKey;
        return c;
    }

    /// <summary>The longest idle container on <paramref name="node"/>, or −1.</summary>
    public int LeastRecentIdleOnNode(int node) => _idle.LeastRecentOnNode(node);

    /// <summary>The idle container after <paramref name="id"/> on its node in LRU order (more recently idle), or −1.</summary>
    public int NextIdleOnNode(int id) => _slots[id].Idle.NextLru;

    /// <summary>Counts an eviction (an idle container removed to make room) on <paramref name="node"/>; the caller removes it.</summary>
    public void CountEviction(int node) => _nodes.CountEviction(node);

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
    public long PeakUsedBytes => _nodes.Total.PeakUsedBytes;
    public long Memory(int id) => _slots[id].Memory;
    public SimTime StartedAt(int id) => new(_slots[id].StartedAt);
    public SimTime IdleSince(int id) => new(_slots[id].Idle.Since);

    public int IdleOfRuntime(int r) => _slots.IdleOfRuntime(r);
    public int StartingOfRuntime(int r) => _slots.StartingOfRuntime(r);
    public int StartingUnboundOfRuntime(int r) => _slots.StartingUnboundOfRuntime(r);
    public int BusyOfRuntime(int r) => _slots.BusyOfRuntime(r);

    /// <summary>Idle containers under <paramref name="key"/>.</summary>
    public int IdleOfKey(int key) => _idle.Count(key);

    /// <summary>The key an idle container is filed under (−1 when it is not idle).</summary>
    public int Key(int id) => _slots[id].Idle.Key;

    /// <summary>The idle container after <paramref name="id"/> under the same key (more recently idle), or −1.</summary>
    public int NextIdleOfKey(int id) => _slots[id].Idle.NextKey;

    /// <summary>The most recently idle container of <paramref name="key"/>, or −1.</summary>
    public int MostRecentIdle(int key) => _idle.MostRecent(key);

    /// <summary>The longest idle container of <paramref name="key"/>, or −1.</summary>
    public int LeastRecentIdle(int key) => _idle.LeastRecent(key);

    /// <summary>The longest idle container overall (the LRU victim), or −1 (ties between nodes: the first node).</summary>
    public int LeastRecentIdleOverall => _idle.LeastRecentOverall(in _slots);

    /// <summary>Creates a container in state Starting and reserves its memory (the caller checked <see cref="Fits"/>, or chose <paramref name="node"/>).</summary>
    /// <param name="boundCall">The call waiting for it (a cold start, which holds a core of its node), or −1 for a pool container.</param>
    /// <param name="node">The node, or −1 to place it by the cluster's rule.</param>
    public int Create(SimTime now, int runtime, int function, long memoryBytes, int boundCall, int node = -1)
    {
        Advance(now);
        bool holdsCore = boundCall >= 0;
        if (node < 0) node = Place(memoryBytes, function, runtime, needCore: holdsCore);
        if (node < 0) throw new InvalidOperationException($"no node has room for a container of {memoryBytes} bytes{(holdsCore ? " and a free core" : "")}");
        _nodes.Enter(node, memoryBytes, holdsCore); // throws when the chosen node lacks the room
        return _slots.Start(now.Micros, runtime, function, memoryBytes, boundCall, node); // in no idle list yet
    }

    /// <summary>Makes a Starting or Busy container Idle under <paramref name="key"/>; bumps its generation (invalidating older timers).</summary>
    public void SetIdle(SimTime now, int id, int key)
    {
        Advance(now);
        ref readonly ContainerRecord c = ref _slots[id];
        ContainerState from = c.State;
        bool heldCore = c.HoldsCore;
        _slots.ToIdle(id); // throws on an illegal move, before anything changes
        _nodes.Move(c.Node, from, heldCore, ContainerState.Idle, c.Memory);
        _idle.Append(ref _slots, id, key, c.Node, now.Micros);
    }

    /// <summary>Makes a Starting or Idle container Busy (serving a call).</summary>
    public void SetBusy(SimTime now, int id, int function)
    {
        Advance(now);
        ref readonly ContainerRecord c = ref _slots[id];
        ContainerState from = c.State;
        bool heldCore = c.HoldsCore;
        if (ContainerSlots.CanMove(from, ContainerState.Busy) && !heldCore && !_nodes.HasFreeCore(c.Node))
            throw new InvalidOperationException($"container {id}: node {c.Node} has no free core (use MostRecentUsable/LeastRecentUsable)");
        _slots.ToBusy(id, function); // throws on an illegal move, before anything changes
        if (from == ContainerState.Idle) _idle.Remove(ref _slots, id);
        _nodes.Move(c.Node, from, heldCore, ContainerState.Busy, c.Memory);
    }

    /// <summary>Removes a container of any live state and frees its memory and slot.</summary>
    public void Remove(SimTime now, int id)
    {
        Advance(now);
        ref readonly ContainerRecord c = ref _slots[id];
        ContainerState from = c.State;
        bool heldCore = c.HoldsCore;
        _slots.Free(id); // throws when it is not live, before anything changes
        if (from == ContainerState.Idle) _idle.Remove(ref _slots, id);
        _nodes.Leave(c.Node, from, heldCore, c.Memory);
    }

    /// <summary>Integrates counts and memory up to <paramref name="now"/>.</summary>
    public void Advance(SimTime now) => _nodes.AdvanceTo(now.Micros);
}
