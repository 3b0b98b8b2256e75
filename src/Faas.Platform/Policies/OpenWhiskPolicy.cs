using Faas.Engine;

namespace Faas.Platform.Policies;

/// <summary>
/// <c>openwhisk</c>: Apache OpenWhisk's invoker container pool (ContainerPool.scala). A call takes,
/// in this order: an idle <b>warm</b> container of its function; else an idle <b>stem cell</b>
/// (prewarmed container of its runtime: a prewarm start, code injected), which from then on is a
/// warm container of that function; else a <b>cold</b> start (evicting idle containers least
/// recently used first if memory is short). Warm containers are removed after <c>keep_alive</c> idle.
/// <para>
/// Stem cells per runtime follow OpenWhisk's reactive rule. At start-up <c>initial</c> are
/// started. Every <c>check_interval</c>: unused stem cells older than <c>ttl</c> are removed, then
/// the desired count is <c>clamp(⌊cold/threshold⌋·increment, min, max)</c> where <c>cold</c> is
/// the runtime's cold starts in the last interval (<c>min</c> when there were none), and stem cells
/// are started up to it. After a stem cell is taken it is backfilled up to <c>min</c>. Without
/// <c>reactive</c> the desired count is always <c>initial</c> and stem cells never expire. Stem
/// cells have the runtime's memory and are started only into free memory (never by eviction).
/// </para>
/// </summary>
public sealed class OpenWhiskPolicy : PoolPolicyBase
{
    public const string Name = "openwhisk";

    /// <summary>Token of the periodic stem-cell check.</summary>
    public const long CheckToken = -1;

    private readonly OpenWhiskOptions _o;
    private readonly ContainerExpiry _expiry = new();
    private readonly int[] _coldStarts;
    private readonly int[] _desired;

    public OpenWhiskPolicy(PlatformSpec spec, OpenWhiskOptions options) : base(spec)
    {
        _o = options;
        _coldStarts = new int[spec.RuntimeCount];
        _desired = new int[spec.RuntimeCount];
    }

    public override string Model => Name;
    public OpenWhiskOptions Options => _o;

    protected override bool DropWhenFull => _o.DropWhenFull;

    /// <summary>Key of a function's warm containers in the table.</summary>
    private static int WarmKey(int function) => 2 * function;

    /// <summary>Key of a runtime's idle stem cells in the table.</summary>
    private static int StemKey(int runtime) => 2 * runtime + 1;

    /// <summary>Stem cells of <paramref name="runtime"/> the pool aims at.</summary>
    public override int PoolTarget(int runtime) => runtime < _desired.Length ? _desired[runtime] : -1;

    /// <summary>Idle plus starting stem cells of <paramref name="runtime"/>.</summary>
    public int StemCells(int runtime) => Containers.IdleOfKey(StemKey(runtime)) + Containers.StartingUnboundOfRuntime(runtime);

    public override void OnStart(SimTime now, ActionBuffer actions)
    {
        for (int r = 0; r < Spec.RuntimeCount; r++)
        {
            _desired[r] = _o.Initial;
            Fill(now, r, actions);
        }
        actions.SetTimer(now + _o.CheckInterval, CheckToken);
        base.OnStart(now, actions);
    }

    protected override bool TryServe(SimTime now, int call, int function, bool mayStart, ActionBuffer actions)
    {
        int c = Containers.MostRecentUsable(WarmKey(function));
        if (c >= 0)
        {
            Containers.SetBusy(now, c, function);
            actions.Assign(call, c, function, StartType.Warm);
            return true;
        }
        int r = Spec.FunctionRuntime(function);
        c = Containers.LeastRecentUsable(StemKey(r));
        if (c >= 0)
        {
            Containers.SetBusy(now, c, function);
            actions.Assign(call, c, function, StartType.Prewarm);
            // backfill after a removal from the pool: at least min (reactive) or initial
            Fill(now, r, actions, _o.Reactive ? _o.Min : _o.Initial);
            return true;
        }
        if (!mayStart || !TryStartBound(now, call, function, actions)) return false;
        _coldStarts[r]++;
        return true;
    }

    protected override void Release(SimTime now, int container, bool healthy, ActionBuffer actions)
    {
        if (!healthy)
        {
            RemoveContainer(now, container, actions);
            return;
        }
        int f = Containers.Function(container);
        Containers.SetIdle(now, container, WarmKey(f));
        _expiry.Set(now, Containers, container, _o.KeepAlive.IsInfinite ? SimTime.MaxValue : now + _o.KeepAlive, actions);
    }

    protected override void Pooled(SimTime now, int container, ActionBuffer actions) =>
        Containers.SetIdle(now, container, StemKey(Containers.Runtime(container)));

    public override void OnTimer(SimTime now, long token, ActionBuffer actions)
    {
        if (ContainerExpiry.Owns(token))
        {
            int c = _expiry.OnTimer(now, Containers, token, actions);
            if (c >= 0 && Containers.Key(c) % 2 == 0) RemoveContainer(now, c, actions);
            return;
        }
        if (token != CheckToken) return;
        for (int r = 0; r < Spec.RuntimeCount; r++)
        {
            if (_o.Reactive)
            {
                RemoveExpiredStemCells(now, r, actions);
                int cold = _coldStarts[r];
                _desired[r] = cold > 0 ? Math.Min(Math.Max(_o.Min, cold / _o.Threshold * _o.Increment), _o.Max) : _o.Min;
            }
            else
            {
                _desired[r] = _o.Initial;
            }
            _coldStarts[r] = 0;
            Fill(now, r, actions);
        }
        actions.SetTimer(now + _o.CheckInterval, CheckToken);
    }

    private void RemoveExpiredStemCells(SimTime now, int r, ActionBuffer actions)
    {
        int c = Containers.LeastRecentIdle(StemKey(r));
        while (c >= 0)
        {
            int next = Containers.NextIdleOfKey(c);
            if (Containers.StartedAt(c) + _o.Ttl <= now) RemoveContainer(now, c, actions);
            c = next;
        }
    }

    /// <summary>Starts stem cells of <paramref name="r"/> up to <paramref name="target"/> (default: the desired count) into free memory.</summary>
    private void Fill(SimTime now, int r, ActionBuffer actions, int target = -1)
    {
        if (target < 0) target = _desired[r];
        long mem = Spec.RuntimeMemory(r);
        int have = StemCells(r);
        while (have < target && Containers.Fits(mem))
        {
            int id = Containers.Create(now, r, -1, mem, -1);
            actions.StartContainer(id, r, -1, mem, -1);
            have++;
        }
    }
}
