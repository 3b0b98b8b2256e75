using Faas.Engine;

namespace Faas.Platform.Policies;

/// <summary>
/// <c>oracle</c>: a clairvoyant keep-alive, the reference for how few cold starts a memory budget
/// allows. It reads the calls to come from <see cref="PlatformSpec.Future"/> (the simulator
/// replays the same arrival streams ahead of the run, so the policy stays pure: no clock, no
/// randomness, only data it is given).
/// <para>
/// A function with n idle containers and w calls waiting needs its n-th (least recently used)
/// idle container for its (n − w)-th call to come, or now when n ≤ w: that is the function's
/// <i>next use</i>. Calls take the most recently used idle container, so the least recently used
/// one is the function's surplus. After a call, the container is kept only if that next use exists
/// (within the horizon and within <c>max_idle</c>); otherwise it is removed at once. When memory is
/// short, the surplus container of the function whose next use is furthest away is evicted
/// (Belady's rule). Functions sit in an indexed heap by next use: O(log functions) per event.
/// </para>
/// <para>
/// For calls that never overlap and containers of one size this is Belady's optimum, so no policy
/// has fewer cold starts; with overlapping calls the next-use estimate ignores containers that
/// become free in time, and with several sizes furthest-first is not optimal (the problem is
/// NP-hard), so it is a strong reference rather than a proven bound. Only the simulator runs it.
/// </para>
/// </summary>
public sealed class OraclePolicy(PlatformSpec spec, OracleOptions options) : PoolPolicyBase(spec)
{
    public const string Name = "oracle";

    private readonly IndexedMinHeap _byNextUse = new(); // functions with idle containers; key −next use, so Min is the furthest
    private int[] _waiting = new int[64]; // calls of each function arrived and not yet given a container

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
        Future.Consume(now, function);
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
        if (AssignIdle(now, call, function, Containers.MostRecentUsable(function), StartType.Warm, actions))
        {
            _waiting[function]--;
            Refresh(now, function, Containers.IdleOfKey(function));
            return true;
        }
        if (!mayStart || !TryStartBound(now, call, function, actions)) return false;
        _waiting[function]--;
        return true;
    }

    protected override void Release(SimTime now, int container, bool healthy, ActionBuffer actions)
    {
        int f = Containers.Function(container);
        int n = Containers.IdleOfKey(f) + 1; // idle containers if this one is kept
        var next = healthy ? NextUse(now, f, n) : SimTime.MaxValue;
        if (next == SimTime.MaxValue || (!Options.MaxIdle.IsInfinite && next - now > Options.MaxIdle))
        {
            RemoveContainer(now, container, actions); // one container of f too many: drop it (they are alike)
            return;
        }
        Containers.SetIdle(now, container, f);
        _byNextUse.Set(f, -(double)next.Micros);
    }

    /// <summary>When <paramref name="f"/> with <paramref name="idle"/> idle containers needs the least recently used one.</summary>
    private SimTime NextUse(SimTime now, int f, int idle)
    {
        int w = _waiting[f];
        return idle - 1 < w ? now : Future.Peek(now, f, idle - 1 - w);
    }

    private void Refresh(SimTime now, int f, int idle)
    {
        if (idle <= 0) _byNextUse.Remove(f);
        else _byNextUse.Set(f, -(double)NextUse(now, f, idle).Micros);
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
