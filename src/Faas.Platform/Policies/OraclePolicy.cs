using Faas.Engine;

namespace Faas.Platform.Policies;

/// <summary>
/// <c>oracle</c>: a clairvoyant keep-alive, the reference for how few cold starts a memory budget
/// allows. It reads the calls to come, with their execution times, from
/// <see cref="PlatformSpec.Future"/> (the simulator replays the same arrival streams ahead of the
/// run, so the policy stays pure: no clock, no randomness, only data it is given).
/// <para>
/// <b>Keeping.</b> After a call, with n idle containers of the function (this one included) and w
/// of its calls waiting, the container is kept if the function has at least n − w calls to come
/// (within the horizon, the (n − w)-th no further than <c>max_idle</c>); otherwise it is removed at
/// once, since no sequence of calls can need it. This rule ignores that busy containers free up, so
/// it never removes a container that could serve a call: with unlimited memory every call is cold
/// only when all the function's containers are busy or starting — the fewest cold starts of any
/// policy that starts containers on demand (see below).
/// </para>
/// <para>
/// <b>Evicting.</b> When memory is short, the idle container whose function needs it furthest in
/// the future goes (Belady's rule). "Needs it" accounts for busy containers freeing up: the rank of
/// a function with n idle containers replays its next <c>scan</c> calls in order, each served by a
/// container free at its arrival — the n − 1 other idle ones, or a busy one whose call has ended
/// (its end known from the call's execution time) — and busy for that call's execution time; the
/// n-th idle container is needed at the first call that finds no other container free, and never
/// if there is none. Containers still starting count as busy throughout, and a cold call's init
/// time (unknown to the policy) is not counted. The old estimate — the (n − w)-th call — is what
/// this gives when calls never overlap; with overlapping calls it called a busy function's surplus
/// container needed at its next call although a container freeing first would serve it.
/// Functions sit in an indexed heap by that time: O(log functions + scan·log busy) per event.
/// </para>
/// <para>
/// <b>What is proven.</b> (1) Unlimited memory: functions are independent and a container is
/// removed only when it cannot be used again, so the policy is keep-forever, which minimises cold
/// starts over all policies that start a container only for a call that finds none free — a cold
/// start happens exactly when a call finds all previously created containers busy; with a zero
/// cold-start time that is the number of times the function's concurrency exceeds its earlier
/// peak, i.e. its peak concurrency, which no policy, pre-warming or not, can create fewer containers
/// than. (With a cold-start time, a clairvoyant pre-warmer could start containers before their
/// calls and have fewer cold starts; this oracle does not pre-warm.) (2) Calls that never overlap
/// and one container size: Belady's optimum. (3) Otherwise it is a strong reference, not a bound:
/// with several container sizes optimal eviction is NP-hard and furthest-first can lose, and with
/// overlapping calls and a full memory, evicting by next use ignores what a miss costs (a cold
/// call occupies memory longer, and with <c>when_full: drop</c> a miss can turn into drops).
/// Only the simulator runs it.
/// </para>
/// </summary>
public sealed class OraclePolicy(PlatformSpec spec, OracleOptions options) : PoolPolicyBase(spec)
{
    public const string Name = "oracle";

    private readonly IndexedMinHeap _byNextUse = new(); // functions with idle containers; key −next use, so Min is the furthest
    private int[] _waiting = new int[64]; // calls of each function arrived and not yet given a container
    private long[] _callExec = new long[64]; // per call id: its execution time (µs), −1 unknown
    private long[] _freeAt = new long[64]; // per container: when its call ends (µs), long.MaxValue unknown
    private int[] _busyPos = new int[64]; // per container: 1 + its index in its function's busy list, 0 when not in one
    private int[][] _busy = []; // per function: its busy containers whose end is known
    private int[] _busyCount = [];
    private long[] _scratch = new long[16]; // min-heap of free times for the rank's replay

    public override string Model => Name;
    public OracleOptions Options { get; } = options;

    private IFutureArrivals Future => Spec.Future ?? throw new InvalidOperationException(
        "model 'oracle' needs the calls to come, which only the simulator provides (PlatformSpec.Future is not set)");

    public override void OnStart(SimTime now, ActionBuffer actions)
    {
        _ = Future;
        base.OnStart(now, actions);
    }

    public override void OnArrival(SimTime now, int call, int function, ActionBuffer actions)
    {
        var future = Future;
        if (call >= _callExec.Length) Array.Resize(ref _callExec, Math.Max(call + 1, _callExec.Length * 2));
        _callExec[call] = future.TryPeekExec(now, function, 0, out var exec) ? exec.Micros : -1;
        future.Consume(now, function);
        if (function >= _waiting.Length) Array.Resize(ref _waiting, Math.Max(function + 1, _waiting.Length * 2));
        _waiting[function]++;
        if (!TryServe(now, call, function, mayStart: Queue.Count == 0, actions))
        {
            if (Options.DropWhenFull)
            {
                _waiting[function]--;
                actions.Reject(call);
            }
            else
            {
                Queue.Enqueue(call, function);
            }
        }
        AfterEvent(now, actions);
    }

    protected override bool TryServe(SimTime now, int call, int function, bool mayStart, ActionBuffer actions)
    {
        int idle = Containers.MostRecentUsable(function);
        if (AssignIdle(now, call, function, idle, StartType.Warm, actions))
        {
            _waiting[function]--;
            long exec = _callExec[call];
            if (exec >= 0) AddBusy(function, idle, now.Micros + exec);
            Refresh(now, function, Containers.IdleOfKey(function));
            return true;
        }
        if (!mayStart || !TryStartBound(now, call, function, actions)) return false;
        _waiting[function]--;
        return true;
    }

    public override void OnContainerReady(SimTime now, int container, ActionBuffer actions)
    {
        int call = Containers.BoundCall(container);
        int f = Containers.Function(container);
        base.OnContainerReady(now, container, actions);
        if (call >= 0 && _callExec[call] >= 0 && Containers.State(container) == ContainerState.Busy)
            AddBusy(f, container, now.Micros + _callExec[call]); // its init time is not known: a lower bound
    }

    public override void OnContainerFailed(SimTime now, int container, ActionBuffer actions)
    {
        if (container < _busyPos.Length && _busyPos[container] != 0) RemoveBusy(Containers.Function(container), container);
        base.OnContainerFailed(now, container, actions);
    }

    protected override void Release(SimTime now, int container, bool healthy, ActionBuffer actions)
    {
        int f = Containers.Function(container);
        if (container < _busyPos.Length && _busyPos[container] != 0) RemoveBusy(f, container);
        int n = Containers.IdleOfKey(f) + 1; // idle containers if this one is kept
        var needed = healthy ? CallAfterIdle(now, f, n) : SimTime.MaxValue;
        if (needed == SimTime.MaxValue || (!Options.MaxIdle.IsInfinite && needed - now > Options.MaxIdle))
        {
            RemoveContainer(now, container, actions); // one container of f too many: drop it (they are alike)
            return;
        }
        Containers.SetIdle(now, container, f);
        _byNextUse.Set(f, -(double)NextNeed(now, f, n).Micros);
    }

    /// <summary>The (idle − w)-th call of <paramref name="f"/> to come (now when idle ≤ w): the earliest its idle-th idle container could be needed.</summary>
    private SimTime CallAfterIdle(SimTime now, int f, int idle)
    {
        int w = _waiting[f];
        return idle - 1 < w ? now : Future.Peek(now, f, idle - 1 - w);
    }

    /// <summary>
    /// When <paramref name="f"/>, with <paramref name="idle"/> idle containers, first needs the last of
    /// them: its next calls are replayed, each taking a container free at its arrival (another idle
    /// one, or a busy one whose call has ended) for its execution time.
    /// </summary>
    private SimTime NextNeed(SimTime now, int f, int idle)
    {
        int w = _waiting[f];
        if (idle <= w) return now;
        int free = idle - 1 - w, size = 0;
        int busy = f < _busyCount.Length ? _busyCount[f] : 0;
        if (_scratch.Length < busy + Options.Scan) Array.Resize(ref _scratch, Math.Max(busy + Options.Scan, _scratch.Length * 2));
        for (int i = 0; i < busy; i++) Push(ref size, _freeAt[_busy[f][i]]);
        var future = Future;
        for (int k = 0; k < Options.Scan; k++)
        {
            var a = future.Peek(now, f, k);
            if (a == SimTime.MaxValue) return a;
            while (size > 0 && _scratch[0] <= a.Micros)
            {
                Pop(ref size);
                free++;
            }
            if (free == 0) return a;
            free--;
            if (future.TryPeekExec(now, f, k, out var e)) Push(ref size, a.Micros + e.Micros);
        }
        return future.Peek(now, f, Options.Scan); // not needed before the first call not replayed
    }

    private void Push(ref int size, long t)
    {
        int i = size++;
        while (i > 0)
        {
            int p = (i - 1) >> 1;
            if (_scratch[p] <= t) break;
            _scratch[i] = _scratch[p];
            i = p;
        }
        _scratch[i] = t;
    }

    private void Pop(ref int size)
    {
        long last = _scratch[--size];
        int i = 0;
        while (true)
        {
            int c = 2 * i + 1;
            if (c >= size) break;
            if (c + 1 < size && _scratch[c + 1] < _scratch[c]) c++;
            if (_scratch[c] >= last) break;
            _scratch[i] = _scratch[c];
            i = c;
        }
        if (size > 0) _scratch[i] = last;
    }

    private void AddBusy(int f, int container, long freeAt)
    {
        if (container >= _freeAt.Length)
        {
            int n = Math.Max(container + 1, _freeAt.Length * 2);
            Array.Resize(ref _freeAt, n);
            Array.Resize(ref _busyPos, n);
        }
        if (f >= _busyCount.Length)
        {
            int n = Math.Max(f + 1, Math.Max(16, _busyCount.Length * 2));
            int old = _busyCount.Length;
            Array.Resize(ref _busy, n);
            Array.Resize(ref _busyCount, n);
            for (int i = old; i < n; i++) _busy[i] = [];
        }
        if (_busyCount[f] == _busy[f].Length) Array.Resize(ref _busy[f], Math.Max(4, _busy[f].Length * 2));
        _busy[f][_busyCount[f]] = container;
        _busyPos[container] = ++_busyCount[f];
        _freeAt[container] = freeAt;
    }

    private void RemoveBusy(int f, int container)
    {
        int i = _busyPos[container] - 1;
        int last = _busy[f][--_busyCount[f]];
        _busy[f][i] = last;
        _busyPos[last] = i + 1;
        _busyPos[container] = 0;
    }

    private void Refresh(SimTime now, int f, int idle)
    {
        if (idle <= 0) _byNextUse.Remove(f);
        else _byNextUse.Set(f, -(double)NextNeed(now, f, idle).Micros);
    }

    protected override void Pooled(SimTime now, int container, ActionBuffer actions) =>
        RemoveContainer(now, container, actions); // every container is started for a call

    protected override int EvictionVictim() => Containers.LeastRecentIdle(_byNextUse.Min);

    /// <summary>On a multi-node cluster: furthest next use first (the function's key in the heap is −next use).</summary>
    protected override double EvictionRank(int container) => _byNextUse.KeyOf(Containers.Function(container));

    protected override void OnEvicting(SimTime now, int container)
    {
        int f = Containers.Function(container);
        Refresh(now, f, Containers.IdleOfKey(f) - 1);
    }
}
