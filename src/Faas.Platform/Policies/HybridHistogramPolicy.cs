using Faas.Engine;

namespace Faas.Platform.Policies;

/// <summary>
/// <c>hybrid-histogram</c> (Shahrad et al., "Serverless in the Wild", USENIX ATC 2020). For each
/// application (or function, with <c>per: function</c>) it keeps a histogram of idle times — from
/// the end of the app's last execution to its next call (0 when a call arrives while another runs)
/// — over a 4 h range in 1-minute bins, and derives two windows:
/// <list type="bullet">
/// <item><b>pre-warm</b> = lower edge of the bin holding the 5th percentile, minus 10%: after an
/// execution the container is removed and a new one is started for the function that long after
/// the execution ended. When this is 0 (the head is in the first bin) nothing is unloaded.</item>
/// <item><b>keep-alive end</b> = upper edge of the bin holding the 99th percentile, plus 10%,
/// counted from the end of the execution: an idle (or pre-warmed) container is removed then.</item>
/// </list>
/// Fallbacks: while fewer than <c>min_samples</c> idle times are known, or when the bin counts have
/// a coefficient of variation under <c>cv_threshold</c> (the idle times are spread, not
/// concentrated: the histogram is not representative), a fixed keep-alive of <c>fallback_keep_alive</c>
/// (the range) with no pre-warm. When more than <c>oob_threshold</c> of the idle times exceed the
/// range, a time-series forecast replaces the histogram, with pre-warm at (1 − 0.15)·forecast and
/// keep-alive to (1 + 0.15)·forecast. The paper fits ARIMA to the idle times; here (options
/// <c>forecast</c>, <c>forecast_order</c>, <c>forecast_history</c>) the last 32 idle times of the key, as
/// ln(max(idle, 1 s)), feed an autoregressive model with intercept of order 0..4 fitted by least
/// squares and chosen by AIC (<see cref="IdleTimeForecast"/>): an ARIMA(p, d, 0) whose unit roots
/// the least-squares fit finds itself, so alternating, cyclic and trending idle times are followed,
/// and noise around a level gives order 0, the mean. Logs because idle times are positive and
/// their errors multiplicative (the forecast is the geometric, not arithmetic, centre); no MA
/// terms, because their fit is iterative and these histories are short. The model is refitted only
/// when a new idle time of the key arrives, on the stack, without allocating. <c>forecast: mean</c>
/// restores the plain mean of the history.
/// <para>
/// Containers are per function (this framework's unit); with <c>per: app</c> the idle times of all
/// the app's functions feed one histogram and its windows apply to each function's containers. A
/// pre-warmed container holds the function's code, so the call it serves is warm (as after
/// Azure's pre-warm load). A pre-warm is skipped when memory is full (it never evicts), and a
/// call does not wait for a pre-warm still starting. Percentiles come from a Fenwick tree over the
/// bins and the coefficient of variation from a running sum of squared counts: O(log bins) per call.
/// </para>
/// </summary>
public sealed class HybridHistogramPolicy : PoolPolicyBase
{
    public const string Name = "hybrid-histogram";

    private readonly HybridHistogramOptions _o;
    private readonly int _bins;
    private readonly int _treeSize; // power of two ≥ bins
    private readonly ContainerExpiry _expiry = new();

    // per key (app or function)
    private int[]?[] _counts = [];
    private int[]?[] _tree = [];
    private long[] _inRange = [];
    private long[] _oob = [];
    private double[] _sumSq = [];
    private long[] _lastEnd = [];
    private int[] _inFlight = [];
    private double[]?[] _recent = []; // ring of the last ForecastHistory idle times (µs), allocated at the first one
    private int[] _recentCount = [];
    private bool[] _valid = [];
    private HybridMode[] _mode = [];
    private long[] _prewarmAfter = [];
    private long[] _keepAliveFor = [];

    // per function
    private int[] _prewarmGen = [];
    private long[] _unloadAt = [];
    private bool[] _prewarming = [];

    public HybridHistogramPolicy(PlatformSpec spec, HybridHistogramOptions options) : base(spec)
    {
        _o = options;
        _bins = options.Bins;
        _treeSize = 1;
        while (_treeSize < _bins) _treeSize <<= 1;
    }

    public override string Model => Name;
    public HybridHistogramOptions Options => _o;

    /// <summary>The windows that apply to <paramref name="function"/> now: mode, pre-warm window and keep-alive end (both from the end of an execution).</summary>
    public (HybridMode Mode, SimDuration Prewarm, SimDuration KeepAlive) Windows(int function)
    {
        int k = KeyOf(function);
        EnsureKey(k);
        Compute(k);
        return (_mode[k], new SimDuration(_prewarmAfter[k]), new SimDuration(_keepAliveFor[k]));
    }

    /// <summary>Idle times recorded for <paramref name="function"/>'s key: within the range, and beyond it.</summary>
    public (long InRange, long OutOfBounds) Observations(int function)
    {
        int k = KeyOf(function);
        return k < _inRange.Length ? (_inRange[k], _oob[k]) : (0, 0);
    }

    private int KeyOf(int function) => _o.PerApp ? Spec.FunctionApp(function) : function;

    protected override bool DropWhenFull => _o.DropWhenFull;

    public override void OnArrival(SimTime now, int call, int function, ActionBuffer actions)
    {
        int k = KeyOf(function);
        EnsureKey(k);
        EnsureFunction(function);
        if (_inFlight[k] > 0) Record(k, 0);
        else if (_lastEnd[k] >= 0) Record(k, now.Micros - _lastEnd[k]);
        _inFlight[k]++;
        _prewarmGen[function]++; // a pending pre-warm is moot: the call is here
        base.OnArrival(now, call, function, actions);
    }

    protected override bool TryServe(SimTime now, int call, int function, bool mayStart, ActionBuffer actions)
    {
        if (AssignIdle(now, call, function, Containers.MostRecentUsable(function), StartType.Warm, actions)) return true;
        return mayStart && TryStartBound(now, call, function, actions);
    }

    protected override void Release(SimTime now, int container, bool healthy, ActionBuffer actions)
    {
        int f = Containers.Function(container);
        int k = KeyOf(f);
        _inFlight[k]--;
        _lastEnd[k] = now.Micros;
        if (!healthy)
        {
            RemoveContainer(now, container, actions);
            return;
        }
        Compute(k);
        long pw = _prewarmAfter[k], ka = _keepAliveFor[k];
        if (pw > 0)
        {
            // unload now, load again shortly before the next call is expected
            RemoveContainer(now, container, actions);
            int gen = ++_prewarmGen[f];
            _unloadAt[f] = now.Micros + ka;
            actions.SetTimer(now + new SimDuration(pw), PrewarmToken(f, gen));
            return;
        }
        Containers.SetIdle(now, container, f);
        _expiry.Set(now, Containers, container, ka >= SimDuration.Infinite.Micros ? SimTime.MaxValue : now + new SimDuration(ka), actions);
    }

    protected override void Pooled(SimTime now, int container, ActionBuffer actions)
    {
        int f = Containers.Function(container);
        _prewarming[f] = false;
        if (_unloadAt[f] <= now.Micros)
        {
            RemoveContainer(now, container, actions);
            return;
        }
        Containers.SetIdle(now, container, f);
        _expiry.Set(now, Containers, container, new SimTime(_unloadAt[f]), actions);
    }

    public override void OnContainerFailed(SimTime now, int container, ActionBuffer actions)
    {
        int f = Containers.Function(container);
        if (Containers.BoundCall(container) < 0 && f >= 0) _prewarming[f] = false;
        else if (f >= 0) _inFlight[KeyOf(f)]--; // the bound call ended as failed
        base.OnContainerFailed(now, container, actions);
    }

    public override void OnTimer(SimTime now, long token, ActionBuffer actions)
    {
        if (ContainerExpiry.Owns(token))
        {
            int c = _expiry.OnTimer(now, Containers, token, actions);
            if (c >= 0) RemoveContainer(now, c, actions);
            return;
        }
        long x = -1 - token;
        int f = (int)(x & 0xFFFFFFFF);
        int gen = (int)(x >> 32);
        if (f >= _prewarmGen.Length || _prewarmGen[f] != gen) return; // a call came meanwhile
        if (Containers.IdleOfKey(f) > 0 || _prewarming[f]) return;
        long mem = ContainerMemory(f);
        if (!Containers.Fits(mem)) return; // pre-warming never evicts
        int r = Spec.FunctionRuntime(f);
        int id = Containers.Create(now, r, f, mem, -1);
        _prewarming[f] = true;
        actions.StartContainer(id, r, f, mem, -1);
    }

    private static long PrewarmToken(int f, int gen) => -1 - (((long)gen << 32) | (uint)f);

    /// <summary>Adds one idle time (µs) to key <paramref name="k"/>.</summary>
    private void Record(int k, long idle)
    {
        _valid[k] = false;
        var recent = _recent[k] ??= new double[_o.ForecastHistory];
        recent[_recentCount[k]++ % recent.Length] = idle;
        long bin = idle / _o.Bin.Micros;
        if (bin >= _bins)
        {
            _oob[k]++;
            return;
        }
        var counts = _counts[k] ??= new int[_bins];
        var tree = _tree[k] ??= new int[_treeSize + 1];
        int b = (int)bin;
        _sumSq[k] += 2.0 * counts[b] + 1; // (c+1)² − c²
        counts[b]++;
        for (int i = b + 1; i <= _treeSize; i += i & -i) tree[i]++;
        _inRange[k]++;
    }

    /// <summary>The smallest bin whose cumulative count reaches <paramref name="target"/> (Fenwick descent).</summary>
    private int FindBin(int[] tree, long target)
    {
        int pos = 0;
        for (int step = _treeSize; step > 0; step >>= 1)
        {
            int next = pos + step;
            if (next <= _treeSize && tree[next] < target)
            {
                pos = next;
                target -= tree[next];
            }
        }
        return pos; // 0-based bin index
    }

    private void Compute(int k)
    {
        if (_valid[k]) return;
        _valid[k] = true;
        long n = _inRange[k] + _oob[k];
        if (n < _o.MinSamples || n == 0)
        {
            Fallback(k);
            return;
        }
        if (_oob[k] > _o.OobThreshold * n)
        {
            double forecast = ForecastIdle(k);
            _mode[k] = HybridMode.Forecast;
            _prewarmAfter[k] = (long)Math.Round(forecast * (1 - _o.ForecastMargin));
            _keepAliveFor[k] = (long)Math.Round(forecast * (1 + _o.ForecastMargin));
            return;
        }
        double mean = (double)_inRange[k] / _bins;
        double variance = Math.Max(0, _sumSq[k] / _bins - mean * mean);
        double cv = Math.Sqrt(variance) / mean;
        if (cv < _o.CvThreshold)
        {
            Fallback(k);
            return;
        }
        var tree = _tree[k]!;
        long total = _inRange[k];
        int head = FindBin(tree, Math.Max(1, (long)Math.Ceiling(_o.Head / 100.0 * total)));
        int tail = FindBin(tree, Math.Max(1, (long)Math.Ceiling(_o.Tail / 100.0 * total)));
        _mode[k] = HybridMode.Histogram;
        _prewarmAfter[k] = (long)Math.Round(head * _o.Bin.Micros * (1 - _o.Margin));
        _keepAliveFor[k] = (long)Math.Round((tail + 1) * _o.Bin.Micros * (1 + _o.Margin));
    }

    /// <summary>The forecast of the next idle time of <paramref name="function"/>'s key (µs) from its kept history, and the AR order it used (0: mean).</summary>
    public (double IdleMicros, int Order) Forecast(int function)
    {
        int k = KeyOf(function);
        if (k >= _recentCount.Length || _recentCount[k] == 0) return (double.NaN, 0);
        return ForecastOf(k);
    }

    private double ForecastIdle(int k) => ForecastOf(k).IdleMicros;

    private (double IdleMicros, int Order) ForecastOf(int k)
    {
        var recent = _recent[k]!;
        int h = recent.Length;
        int m = Math.Min(_recentCount[k], h);
        int first = _recentCount[k] > h ? _recentCount[k] % h : 0; // oldest in the ring
        if (_o.Forecast == HybridForecast.Mean)
        {
            double sum = 0;
            for (int i = 0; i < m; i++) sum += recent[i];
            return (sum / m, 0);
        }
        Span<double> x = m <= 256 ? stackalloc double[m] : new double[m];
        for (int i = 0; i < m; i++) x[i] = Math.Log(Math.Max(recent[(first + i) % h], LogFloorMicros));
        var (f, order) = IdleTimeForecast.Next(x, _o.ForecastOrder);
        return (Math.Exp(f), order);
    }

    /// <summary>Idle times under 1 s count as 1 s in the log series (an idle time of 0 — overlapping calls — has no log).</summary>
    private const double LogFloorMicros = 1e6;

    private void Fallback(int k)
    {
        _mode[k] = HybridMode.Fallback;
        _prewarmAfter[k] = 0;
        _keepAliveFor[k] = _o.FallbackKeepAlive.Micros;
    }

    private void EnsureKey(int k)
    {
        if (k < _inRange.Length) return;
        int n = Math.Max(k + 1, Math.Max(16, _inRange.Length * 2));
        int old = _inRange.Length;
        Array.Resize(ref _counts, n);
        Array.Resize(ref _tree, n);
        Array.Resize(ref _inRange, n);
        Array.Resize(ref _oob, n);
        Array.Resize(ref _sumSq, n);
        Array.Resize(ref _lastEnd, n);
        Array.Resize(ref _inFlight, n);
        Array.Resize(ref _recent, n);
        Array.Resize(ref _recentCount, n);
        Array.Resize(ref _valid, n);
        Array.Resize(ref _mode, n);
        Array.Resize(ref _prewarmAfter, n);
        Array.Resize(ref _keepAliveFor, n);
        for (int i = old; i < n; i++)
        {
            _lastEnd[i] = -1;
        }
    }

    private void EnsureFunction(int f)
    {
        if (f < _prewarmGen.Length) return;
        int n = Math.Max(f + 1, Math.Max(16, _prewarmGen.Length * 2));
        Array.Resize(ref _prewarmGen, n);
        Array.Resize(ref _unloadAt, n);
        Array.Resize(ref _prewarming, n);
    }
}
