using Faas.Engine;

namespace Faas.Platform;

/// <summary>
/// What every policy shares: the container table, the FIFO of waiting calls, memory checks with
/// LRU eviction of idle containers, and draining the queue when capacity frees. Subclasses decide
/// how a call is served (<see cref="TryServe"/>) and what happens to a container after a call
/// (<see cref="Release"/>).
/// </summary>
public abstract class PoolPolicyBase : IPoolPolicy
{
    protected PoolPolicyBase(PlatformSpec spec)
    {
        Spec = spec;
        Containers = new ContainerTable(spec.Cluster);
    }

    public abstract string Model { get; }
    public PlatformSpec Spec { get; }
    public ContainerTable Containers { get; }
    protected CallQueue Queue { get; } = new();
    public int QueueLength => Queue.Count;

    public virtual int PoolTarget(int runtime) => -1;

    /// <summary>Memory of the container a call of <paramref name="function"/> would run in.</summary>
    protected virtual long ContainerMemory(int function) => Spec.FunctionMemory(function);

    /// <summary>
    /// Serves the call at once if possible: reuse an idle container (warm or prewarm), or, when
    /// <paramref name="mayStart"/>, start one for it (cold). Returns false if it must wait.
    /// </summary>
    protected abstract bool TryServe(SimTime now, int call, int function, bool mayStart, ActionBuffer actions);

    /// <summary>Decides the fate of a container whose call finished (keep it idle, or remove it).</summary>
    protected abstract void Release(SimTime now, int container, bool healthy, ActionBuffer actions);

    /// <summary>Called after every event once the queue is drained (pool replenishment, shrinking).</summary>
    protected virtual void AfterEvent(SimTime now, ActionBuffer actions) { }

    public virtual void OnStart(SimTime now, ActionBuffer actions) => AfterEvent(now, actions);

    public virtual void OnArrival(SimTime now, int call, int function, ActionBuffer actions)
    {
        if (!TryServe(now, call, function, mayStart: Queue.Count == 0, actions))
        {
            if (DropWhenFull) actions.Reject(call);
            else Queue.Enqueue(call, function);
        }
        AfterEvent(now, actions);
    }

    /// <summary>
    /// When true, a call that cannot be served at once is dropped instead of queued (FaasCache's
    /// simulator counts such calls as dropped). False for every model unless its options say so.
    /// </summary>
    protected virtual bool DropWhenFull => false;

    /// <summary>The idle container to evict next when memory is short; by default the one idle longest (LRU).</summary>
    protected virtual int EvictionVictim() => Containers.LeastRecentIdleOverall;

    /// <summary>
    /// Eviction order within one node of a multi-node cluster: the idle container on the node with
    /// the lowest rank goes first (ties: the longest idle). NaN (the default) means plain LRU.
    /// Policies with their own order (<see cref="EvictionVictim()"/>) give it here per container.
    /// </summary>
    protected virtual double EvictionRank(int container) => double.NaN;

    /// <summary>The idle container to evict next on <paramref name="node"/>: with one node, <see cref="EvictionVictim()"/>; otherwise the node's lowest <see cref="EvictionRank"/>.</summary>
    protected int EvictionVictim(int node)
    {
        if (Containers.NodeCount == 1) return EvictionVictim();
        int c = Containers.LeastRecentIdleOnNode(node);
        if (c < 0) return c;
        int best = c;
        double bestRank = EvictionRank(c);
        if (double.IsNaN(bestRank)) return c; // plain LRU
        for (c = Containers.NextIdleOnNode(c); c >= 0; c = Containers.NextIdleOnNode(c))
        {
            double r = EvictionRank(c);
            if (r < bestRank) { best = c; bestRank = r; }
        }
        return best;
    }

    /// <summary>Called just before <see cref="MakeRoom"/> evicts idle container <paramref name="container"/> (subclass bookkeeping).</summary>
    protected virtual void OnEvicting(SimTime now, int container) { }

    public virtual void OnContainerReady(SimTime now, int container, ActionBuffer actions)
    {
        int call = Containers.BoundCall(container);
        if (call >= 0)
        {
            int fn = Containers.Function(container);
            Containers.SetBusy(now, container, fn);
            actions.Assign(call, container, fn, StartType.Cold);
        }
        else
        {
            Pooled(now, container, actions);
            Drain(now, actions);
        }
        AfterEvent(now, actions);
    }

    /// <summary>An unbound container became ready: make it idle under the right key.</summary>
    protected abstract void Pooled(SimTime now, int container, ActionBuffer actions);

    public virtual void OnContainerFailed(SimTime now, int container, ActionBuffer actions)
    {
        Containers.Remove(now, container);
        Drain(now, actions);
        AfterEvent(now, actions);
    }

    public virtual void OnCallCompleted(SimTime now, int call, int container, bool containerHealthy, ActionBuffer actions)
    {
        Release(now, container, containerHealthy, actions);
        Drain(now, actions);
        AfterEvent(now, actions);
    }

    public virtual void OnTimer(SimTime now, long token, ActionBuffer actions) { }

    /// <summary>Serves waiting calls in FIFO order while the head can be served.</summary>
    protected void Drain(SimTime now, ActionBuffer actions)
    {
        while (Queue.Count > 0)
        {
            var (call, fn) = Queue.Peek();
            if (!TryServe(now, call, fn, mayStart: true, actions)) break;
            Queue.Dequeue();
        }
    }

    /// <summary>
    /// Runs <paramref name="call"/> on the idle container <paramref name="container"/> (from one of
    /// the table's idle lists) as a <paramref name="type"/> start; false when there is none (−1).
    /// </summary>
    /// <remarks>With core limits, pass a container from <see cref="ContainerTable.MostRecentUsable"/> or <see cref="ContainerTable.LeastRecentUsable"/> (its node must have a free core).</remarks>
    protected bool AssignIdle(SimTime now, int call, int function, int container, StartType type, ActionBuffer actions)
    {
        if (container < 0) return false;
        Containers.SetBusy(now, container, function);
        actions.Assign(call, container, function, type);
        return true;
    }

    /// <summary>
    /// Starts a container bound to <paramref name="call"/> (a cold start) if memory allows, evicting
    /// idle containers when that makes enough room (never when it would not). On a cluster the node
    /// is the placement rule's choice among nodes with room and a free core; failing that, the
    /// rule's choice among nodes where evicting idle containers makes room, evicting there in the
    /// policy's order (<see cref="EvictionVictim(int)"/>).
    /// </summary>
    protected bool TryStartBound(SimTime now, int call, int function, ActionBuffer actions)
    {
        long mem = ContainerMemory(function);
        int runtime = Spec.FunctionRuntime(function);
        int node = MakeRoom(now, mem, function, runtime, needCore: true, actions);
        if (node < 0) return false;
        int id = Containers.Create(now, runtime, function, mem, call, node);
        actions.StartContainer(id, runtime, function, mem, call);
        return true;
    }

    /// <summary>
    /// A node where <paramref name="memoryBytes"/> fit (with a free core when <paramref name="needCore"/>),
    /// evicting idle containers on it if that suffices; −1 when no node can take it.
    /// </summary>
    protected int MakeRoom(SimTime now, long memoryBytes, int function, int runtime, bool needCore, ActionBuffer actions)
    {
        int node = Containers.Place(memoryBytes, function, runtime, needCore);
        if (node >= 0) return node;
        node = Containers.PlaceAfterEviction(memoryBytes, function, runtime, needCore);
        if (node < 0) return -1;
        while (!Containers.FitsOn(node, memoryBytes))
        {
            int victim = EvictionVictim(node);
            OnEvicting(now, victim);
            Containers.CountEviction(node);
            Containers.Remove(now, victim);
            actions.Remove(victim);
        }
        return node;
    }

    /// <summary>Removes a container and tells the driver.</summary>
    protected void RemoveContainer(SimTime now, int container, ActionBuffer actions)
    {
        Containers.Remove(now, container);
        actions.Remove(container);
    }
}
