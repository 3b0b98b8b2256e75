using Faas.Engine;

namespace Faas.Platform.Policies;

/// <summary>
/// <c>prewarm-pool</c>, the seed design: per runtime, a pool of generic running containers. A call
/// takes an idle container of its runtime (a prewarm start: code injection, then execution); the
/// container is removed after that one call (one-shot) and a fresh one is started for the pool in
/// the background. A call that finds no pooled container starts one for itself (a cold start) if
/// memory allows (evicting idle pooled containers of other runtimes, least recently pooled first),
/// otherwise it queues; whenever there is a queue, freed capacity starts the runtime of the next
/// queued call, so at 100% load every start is cold.
/// <para>
/// Pool size per runtime r, re-evaluated on each call and at each bucket boundary:
/// <c>target_r = clamp(⌈headroom · λ_r · s_r⌉, min, max)</c> where
/// λ_r = (executions of r in the last <c>window</c>) / window (the windowed mean rate; before one
/// window has elapsed, divided by the elapsed time, at least one bucket) and s_r is the mean time
/// to start a container of r (exponentially weighted mean, α = 0.05, of observed starts, initially
/// <c>startup_estimate</c>; the plain mean until 20 starts were seen). λ_r·s_r is the expected number of calls that arrive while one
/// replacement starts, i.e. the mean number of pool slots being refilled (Little's law); a runtime
/// with no execution in the window gets <c>min</c>. Pooled containers (idle + starting unbound) are
/// started up to the target after every event while no call waits and memory is free; idle ones
/// above the target are removed, longest idle first, at bucket boundaries only (so that a target
/// that jitters by one does not churn containers).
/// </para>
/// <para>
/// Options beyond the seed: <c>scope: function</c> keeps one pool per function (its window counts,
/// target, min and max are the function's; the start-time estimate stays per runtime; after an
/// event only the pools of the functions it touched are topped up, all of them at bucket
/// boundaries), and <c>reuse: true</c> returns a container to its pool after its call instead of
/// removing it (see <see cref="PrewarmPoolOptions.Reuse"/>). The defaults are the seed's.
/// </para>
/// </summary>
public sealed class PrewarmPoolPolicy : PoolPolicyBase
{
    public const string Name = "prewarm-pool";

    /// <summary>Token of the bucket-boundary timer.</summary>
    public const long TickToken = -1;

    /// <summary>
    /// Weight of a new observation in the start-time estimate, once 1/α starts have been seen
    /// (before that, the plain mean of the starts so far). Small, so that noisy start times do not
    /// make the target jitter and churn the pool.
    /// </summary>
    public const double StartupAlpha = 0.05;

    private readonly PrewarmPoolOptions _o;
    private readonly long _bucketWidth;
    private int[][] _buckets = [];       // by pool key (runtime, or function with scope: function)
    private int[] _windowCount = [];     // by pool key
    private double[] _startupEstimate = []; // by runtime
    private long[] _startsSeen = [];     // by runtime
    private long _currentBucket;
    private readonly bool _perFunction;
    private int[] _startingFor = [];     // scope function: unbound containers starting for each function
    private bool[] _hasCode = [];        // by container: ran a call (reuse per function: the next call is warm)
    private int[] _touched = new int[8]; // scope function: pools to top up after this event
    private int _touchedCount;

    public PrewarmPoolPolicy(PlatformSpec spec, PrewarmPoolOptions options) : base(spec)
    {
        _o = options;
        _perFunction = options.Scope == PoolScope.Function;
        _bucketWidth = Math.Max(1, options.Window.Micros / options.Buckets);
        EnsureRuntime(spec.RuntimeCount - 1);
        if (_perFunction) EnsureKey(spec.FunctionCount - 1);
    }

    /// <summary>The pool a call of <paramref name="function"/> draws from.</summary>
    private int PoolKey(int function) => _perFunction ? function : Spec.FunctionRuntime(function);

    public override string Model => Name;
    public PrewarmPoolOptions Options => _o;

    /// <summary>Pool containers are generic: sized by the runtime, not the function.</summary>
    protected override long ContainerMemory(int function) => Spec.RuntimeMemory(Spec.FunctionRuntime(function));

    public override int PoolTarget(int runtime)
    {
        EnsureRuntime(runtime);
        if (!_perFunction) return KeyTarget(runtime, runtime, _lastNow);
        long sum = 0;
        for (int f = 0; f < Spec.FunctionCount; f++)
            if (Spec.FunctionRuntime(f) == runtime) sum += KeyTarget(f, runtime, _lastNow);
        return (int)Math.Min(sum, int.MaxValue);
    }

    private SimTime _lastNow;

    /// <summary>The target of pool <paramref name="key"/> (of runtime <paramref name="runtime"/>).</summary>
    private int KeyTarget(int key, int runtime, SimTime now)
    {
        EnsureKey(key);
        int n = _windowCount[key];
        return n == 0 ? Math.Min(_o.Min, _o.Max) : Target(n, runtime, now);
    }

    private int Target(int executions, int runtime, SimTime now)
    {
        double span = Math.Clamp(now.Micros, _bucketWidth, _o.Window.Micros) / 1e6;
        double rate = executions / span;
        double want = Math.Ceiling(_o.Headroom * rate * _startupEstimate[runtime]);
        return (int)Math.Clamp(want, _o.Min, _o.Max);
    }

    public override void OnStart(SimTime now, ActionBuffer actions)
    {
        _currentBucket = now.Micros / _bucketWidth;
        actions.SetTimer(new SimTime((_currentBucket + 1) * _bucketWidth), TickToken);
        if (_perFunction)
            for (int f = 0; f < Spec.FunctionCount; f++) ReconcileFunction(now, f, shrink: false, actions);
        base.OnStart(now, actions);
    }

    public override void OnArrival(SimTime now, int call, int function, ActionBuffer actions)
    {
        int k = PoolKey(function);
        EnsureKey(k);
        Rotate(now);
        _buckets[k][_currentBucket % _o.Buckets]++;
        _windowCount[k]++;
        Touch(function);
        base.OnArrival(now, call, function, actions);
    }

    protected override bool TryServe(SimTime now, int call, int function, bool mayStart, ActionBuffer actions)
    {
        int c = Containers.LeastRecentUsable(PoolKey(function));
        var type = c >= 0 && _perFunction && _o.Reuse && HasCode(c) ? StartType.Warm : StartType.Prewarm;
        return AssignIdle(now, call, function, c, type, actions) || mayStart && TryStartBound(now, call, function, actions);
    }

    public override void OnContainerReady(SimTime now, int container, ActionBuffer actions)
    {
        int r = Containers.Runtime(container);
        if (_perFunction && Containers.BoundCall(container) < 0) _startingFor[Containers.Function(container)]--;
        double observed = (now - Containers.StartedAt(container)).Seconds;
        long n = ++_startsSeen[r];
        _startupEstimate[r] += Math.Max(StartupAlpha, 1.0 / n) * (observed - _startupEstimate[r]);
        base.OnContainerReady(now, container, actions);
    }

    public override void OnContainerFailed(SimTime now, int container, ActionBuffer actions)
    {
        if (_perFunction && Containers.BoundCall(container) < 0) _startingFor[Containers.Function(container)]--;
        base.OnContainerFailed(now, container, actions);
    }

    protected override void Pooled(SimTime now, int container, ActionBuffer actions)
    {
        SetCode(container, false);
        if (_perFunction) Touch(Containers.Function(container));
        Containers.SetIdle(now, container, _perFunction ? Containers.Function(container) : Containers.Runtime(container));
    }

    protected override void Release(SimTime now, int container, bool healthy, ActionBuffer actions)
    {
        if (!_o.Reuse || !healthy)
        {
            RemoveContainer(now, container, actions); // one-shot: never reused (the seed)
            return;
        }
        SetCode(container, true);
        int f = Containers.Function(container);
        if (_perFunction) Touch(f);
        Containers.SetIdle(now, container, _perFunction ? f : Containers.Runtime(container));
    }

    public override void OnTimer(SimTime now, long token, ActionBuffer actions)
    {
        if (token != TickToken) return;
        Rotate(now);
        actions.SetTimer(new SimTime((_currentBucket + 1) * _bucketWidth), TickToken);
        _lastNow = now;
        _touchedCount = 0;
        if (Queue.Count > 0) return;
        if (_perFunction)
        {
            for (int f = 0; f < Spec.FunctionCount; f++) ReconcileFunction(now, f, shrink: true, actions);
            return;
        }
        for (int r = 0; r < Spec.RuntimeCount; r++) Reconcile(now, r, shrink: true, actions);
    }

    protected override void AfterEvent(SimTime now, ActionBuffer actions)
    {
        _lastNow = now;
        if (Queue.Count > 0) // capacity goes to waiting calls first
        {
            _touchedCount = 0;
            return;
        }
        if (_perFunction)
        {
            for (int i = 0; i < _touchedCount; i++) ReconcileFunction(now, _touched[i], shrink: false, actions);
            _touchedCount = 0;
            return;
        }
        for (int r = 0; r < Spec.RuntimeCount; r++) Reconcile(now, r, shrink: false, actions);
    }

    /// <summary>Starts pooled containers up to the target; with <paramref name="shrink"/> (bucket boundaries only, so the pool does not churn on every call) also removes idle ones above it.</summary>
    private void Reconcile(SimTime now, int r, bool shrink, ActionBuffer actions)
    {
        EnsureRuntime(r);
        int target = _windowCount[r] == 0 ? Math.Min(_o.Min, _o.Max) : Target(_windowCount[r], r, now);
        int have = Containers.IdleOfRuntime(r) + Containers.StartingUnboundOfRuntime(r);
        long mem = Spec.RuntimeMemory(r);
        while (have < target && Containers.Fits(mem))
        {
            int id = Containers.Create(now, r, -1, mem, -1);
            actions.StartContainer(id, r, -1, mem, -1);
            have++;
        }
        while (shrink && have > target && Containers.IdleOfRuntime(r) > 0)
        {
            RemoveContainer(now, Containers.LeastRecentIdle(r), actions);
            have--;
        }
    }

    /// <summary><see cref="Reconcile"/> for the pool of function <paramref name="f"/> (scope: function).</summary>
    private void ReconcileFunction(SimTime now, int f, bool shrink, ActionBuffer actions)
    {
        int r = Spec.FunctionRuntime(f);
        int target = KeyTarget(f, r, now);
        if (f >= _startingFor.Length) Array.Resize(ref _startingFor, Math.Max(f + 1, _startingFor.Length * 2));
        int have = Containers.IdleOfKey(f) + _startingFor[f];
        long mem = Spec.RuntimeMemory(r);
        while (have < target && Containers.Fits(mem))
        {
            int id = Containers.Create(now, r, f, mem, -1); // reserved for f in the table; generic for the driver
            actions.StartContainer(id, r, -1, mem, -1);
            _startingFor[f]++;
            have++;
        }
        while (shrink && have > target && Containers.IdleOfKey(f) > 0)
        {
            RemoveContainer(now, Containers.LeastRecentIdle(f), actions);
            have--;
        }
    }

    private void Touch(int f)
    {
        if (!_perFunction) return;
        for (int i = 0; i < _touchedCount; i++) if (_touched[i] == f) return;
        if (_touchedCount == _touched.Length) Array.Resize(ref _touched, _touched.Length * 2);
        _touched[_touchedCount++] = f;
    }

    private bool HasCode(int c) => c < _hasCode.Length && _hasCode[c];

    private void SetCode(int c, bool value)
    {
        if (c >= _hasCode.Length)
        {
            if (!value) return;
            Array.Resize(ref _hasCode, Math.Max(c + 1, _hasCode.Length * 2));
        }
        _hasCode[c] = value;
    }

    /// <summary>Moves the window to the bucket of <paramref name="now"/>, forgetting buckets that fell out.</summary>
    private void Rotate(SimTime now)
    {
        long bucket = now.Micros / _bucketWidth;
        if (bucket == _currentBucket) return;
        long steps = Math.Min(bucket - _currentBucket, _o.Buckets);
        for (long k = 1; k <= steps; k++)
        {
            int slot = (int)((_currentBucket + k) % _o.Buckets);
            for (int r = 0; r < _buckets.Length; r++)
            {
                _windowCount[r] -= _buckets[r][slot];
                _buckets[r][slot] = 0;
            }
        }
        _currentBucket = bucket;
    }

    private void EnsureRuntime(int r)
    {
        if (!_perFunction) EnsureKey(r);
        if (r < _startupEstimate.Length) return;
        int n = Math.Max(r + 1, Spec.RuntimeCount);
        int old = _startupEstimate.Length;
        Array.Resize(ref _startupEstimate, n);
        Array.Resize(ref _startsSeen, n);
        for (int i = old; i < n; i++) _startupEstimate[i] = _o.StartupEstimate.Seconds;
    }

    /// <summary>Room for pool key <paramref name="k"/> (a runtime, or a function with scope: function).</summary>
    private void EnsureKey(int k)
    {
        if (k < _buckets.Length) return;
        int n = Math.Max(k + 1, _perFunction ? Spec.FunctionCount : Spec.RuntimeCount);
        int old = _buckets.Length;
        Array.Resize(ref _buckets, n);
        Array.Resize(ref _windowCount, n);
        for (int i = old; i < n; i++) _buckets[i] = new int[_o.Buckets];
    }
}
