using Faas.Engine;

namespace Faas.Platform.Policies;

/// <summary>
/// <c>oracle</c>: a clairvoyant keep-alive, the reference for how few cold starts a memory budget
/// allows. It reads the calls to come from <see cref="PlatformSpec.Future"/> (the simulator
/// replays the same arrival streams ahead of the run, so the policy stays pure: no clock, no
/// randomness, only data it is given). After a call, its container is kept only if the function
/// will be called again (within the horizon, and within <c>max_idle</c>); the i-th idle container
/// of a function is expected to serve its i-th next call. When memory is short the idle container
/// whose expected next use is furthest away is evicted (Belady's rule). This is the optimum for
/// equal-size containers with one call at a time per function; with several sizes and
/// concurrency it is a strong heuristic, not a proven bound. Only the simulator can run it.
/// </summary>
public sealed class OraclePolicy(PlatformSpec spec, OracleOptions options) : PoolPolicyBase(spec)
{
    public const string Name = "oracle";

    private readonly IndexedMinHeap _byNextUse = new(); // key: −next use, so Min is the furthest

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
        base.OnArrival(now, call, function, actions);
    }

    protected override bool TryServe(SimTime now, int call, int function, bool mayStart, ActionBuffer actions)
    {
        int c = Containers.MostRecentIdle(function);
        if (c >= 0)
        {
            _byNextUse.Remove(c);
            Containers.SetBusy(now, c, function);
            actions.Assign(call, c, function, StartType.Warm);
            return true;
        }
        return mayStart && TryStartBound(now, call, function, actions);
    }

    protected override void Release(SimTime now, int container, bool healthy, ActionBuffer actions)
    {
        int f = Containers.Function(container);
        var next = healthy ? Future.Peek(now, f, Containers.IdleOfKey(f)) : SimTime.MaxValue;
        if (next == SimTime.MaxValue || (!Options.MaxIdle.IsInfinite && next - now > Options.MaxIdle))
        {
            RemoveContainer(now, container, actions);
            return;
        }
        Containers.SetIdle(now, container, f);
        _byNextUse.Set(container, -(double)next.Micros);
    }

    protected override void Pooled(SimTime now, int container, ActionBuffer actions) =>
        RemoveContainer(now, container, actions); // every container is started for a call

    protected override int EvictionVictim() => _byNextUse.Min;

    protected override void OnEvicting(SimTime now, int container) => _byNextUse.Remove(container);
}
