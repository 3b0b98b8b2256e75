using Faas.Platform.Policies;
using Faas.Workloads.Scenarios;

namespace Faas.Platform;

/// <summary>
/// The platform models by their scenario name. Each entry parses and validates its options
/// (errors carry the scenario location) and builds a fresh policy for one run.
/// </summary>
public static class ModelCatalog
{
    /// <summary>One model: its name, a one-line description, its option keys with defaults, and its factory.</summary>
    public sealed record Entry(string Name, string Description, string OptionsHelp, Func<OptionBag, PlatformSpec, IPoolPolicy> Create);

    /// <summary>All models, in the order they are documented.</summary>
    public static IReadOnlyList<Entry> All { get; } =
    [
        new(ColdOnlyPolicy.Name, "every call creates a container, removed after the call (latency upper bound)", "(none)",
            (o, s) => { o.RejectUnknown("model cold-only"); return new ColdOnlyPolicy(s); }),
        new(KeepAlivePolicy.Name, "OpenWhisk/Lambda-style: containers keep the function and are reused (warm) until idle for ttl", "ttl (10m), ttl_from (end | start), when_full (queue | drop)",
            (o, s) => new KeepAlivePolicy(s, KeepAlive(o))),
        new(PrewarmPoolPolicy.Name, "the seed: per-runtime pools of generic containers sized by a windowed mean; one-shot containers", "window (5m), min (0), max (unlimited), headroom (2), startup_estimate (1s), buckets (10), scope (runtime | function), reuse (false)",
            (o, s) => new PrewarmPoolPolicy(s, PrewarmPool(o))),
        new(FixedPoolPolicy.Name, "size always-warm containers per function; overflow served cold by throwaway containers (Erlang-B)", "size (1)",
            (o, s) => new FixedPoolPolicy(s, FixedPool(o))),
        new(FaasCachePolicy.Name, "FaasCache (ASPLOS 2021): no timeout; under memory pressure evict the idle container of lowest Greedy-Dual priority clock + frequency x cold cost / size",
            "when_full (queue | drop)",
            (o, s) => new FaasCachePolicy(s, FaasCache(o))),
        new(HybridHistogramPolicy.Name, "Shahrad et al. (ATC 2020): per-app idle-time histogram; unload after a call, pre-warm at its head (5th pct - 10%), keep alive to its tail (99th pct + 10%)",
            "per (app | function), range (4h), bin (1m), head (5), tail (99), margin (0.1), cv_threshold (2), min_samples (5), fallback_keep_alive (4h), oob_threshold (0.5), forecast_margin (0.15), forecast (ar | mean), forecast_order (4), forecast_history (32), when_full (queue | drop)",
            (o, s) => new HybridHistogramPolicy(s, HybridHistogram(o))),
        new(OpenWhiskPolicy.Name, "Apache OpenWhisk invoker pool: warm (keep_alive) -> stem cell of the runtime (prewarm) -> cold; reactive stem-cell count from recent cold starts",
            "keep_alive (10m), initial (2), reactive (true), min (1), max (4), ttl (2m), threshold (1), increment (1), check_interval (1m), when_full (queue | drop)",
            (o, s) => new OpenWhiskPolicy(s, OpenWhisk(o))),
        new(OraclePolicy.Name, "clairvoyant keep-alive (simulator only): keep a container only if its function is called again, evict the one used furthest in the future (Belady)",
            "horizon (inf), max_idle (inf), scan (64), when_full (queue | drop)",
            (o, s) => new OraclePolicy(s, Oracle(o))),
    ];

    /// <summary>The model called <paramref name="name"/>, or null.</summary>
    public static Entry? Find(string name) => All.FirstOrDefault(e => e.Name == name);

    /// <summary>Builds the policy for <paramref name="model"/>; throws <see cref="ScenarioException"/> on an unknown model or bad option.</summary>
    public static IPoolPolicy Create(ModelSpec model, PlatformSpec spec)
    {
        var entry = Find(model.Model) ?? throw new ScenarioException(model.Options.Location,
            $"unknown model '{model.Model}'; expected one of: {string.Join(", ", All.Select(e => e.Name))}");
        return entry.Create(model.Options, spec);
    }

    /// <summary>Checks every model of the scenario (names and options) without running anything.</summary>
    public static void Validate(Scenario scenario)
    {
        foreach (var m in scenario.Models) Create(m, PlatformSpec.From(scenario));
    }

    public static KeepAliveOptions KeepAlive(OptionBag o)
    {
        o.RejectUnknown("model keep-alive", "ttl", "ttl_from", "when_full");
        var ttl = o.Duration("ttl", KeepAliveOptions.Default.Ttl);
        return new KeepAliveOptions(ttl, o.Choice("ttl_from", "end", "end", "start") == "start", WhenFullDrops(o));
    }

    private static bool WhenFullDrops(OptionBag o) => o.Choice("when_full", "queue", "queue", "drop") == "drop";

    private static Faas.Engine.SimDuration Positive(OptionBag o, string key, Faas.Engine.SimDuration fallback, bool allowInfinite = false)
    {
        var d = o.Duration(key, fallback);
        if (d.Micros <= 0 || (d.IsInfinite && !allowInfinite))
            throw new ScenarioException(o.TryGet(key, out var e) ? e.Location : o.Location, $"option '{key}': must be a {(allowInfinite ? "" : "finite ")}duration greater than zero");
        return d;
    }

    public static FaasCacheOptions FaasCache(OptionBag o)
    {
        o.RejectUnknown("model faascache", "when_full");
        return new FaasCacheOptions(WhenFullDrops(o));
    }

    public static HybridHistogramOptions HybridHistogram(OptionBag o)
    {
        o.RejectUnknown("model hybrid-histogram", "per", "range", "bin", "head", "tail", "margin", "cv_threshold", "min_samples", "fallback_keep_alive", "oob_threshold", "forecast_margin", "forecast", "forecast_order", "forecast_history", "when_full");
        var d = HybridHistogramOptions.Default;
        var range = Positive(o, "range", d.Range);
        var bin = Positive(o, "bin", d.Bin);
        if (range.Micros / bin.Micros > 100_000)
            throw new ScenarioException(o.TryGet("bin", out var e) ? e.Location : o.Location, "option 'bin': range / bin must be at most 100000 bins");
        double head = o.Double("head", d.Head, 0, 100);
        double tail = o.Double("tail", d.Tail, 0, 100);
        if (tail < head) throw new ScenarioException(o.TryGet("tail", out var t) ? t.Location : o.Location, $"option 'tail' ({tail}) must be >= 'head' ({head})");
        return new HybridHistogramOptions(
            o.Choice("per", "app", "app", "function") == "app",
            range, bin, head, tail,
            o.Double("margin", d.Margin, 0, 0.99),
            o.Double("cv_threshold", d.CvThreshold, 0),
            o.Int("min_samples", d.MinSamples, 1),
            Positive(o, "fallback_keep_alive", d.FallbackKeepAlive, allowInfinite: true),
            o.Double("oob_threshold", d.OobThreshold, 0, 1),
            o.Double("forecast_margin", d.ForecastMargin, 0, 0.99),
            WhenFullDrops(o),
            o.Choice("forecast", "ar", "ar", "mean") == "mean" ? HybridForecast.Mean : HybridForecast.Ar,
            o.Int("forecast_order", d.ForecastOrder, 0, IdleTimeForecast.MaxSupportedOrder),
            o.Int("forecast_history", d.ForecastHistory, 1, 256));
    }

    public static OpenWhiskOptions OpenWhisk(OptionBag o)
    {
        o.RejectUnknown("model openwhisk", "keep_alive", "initial", "reactive", "min", "max", "ttl", "threshold", "increment", "check_interval", "when_full");
        var d = OpenWhiskOptions.Default;
        int min = o.Int("min", d.Min, 0, 100_000);
        int max = o.Int("max", Math.Max(d.Max, min), 0, 100_000);
        if (max < min) throw new ScenarioException(o.TryGet("max", out var e) ? e.Location : o.Location, $"option 'max' ({max}) must be >= 'min' ({min})");
        return new OpenWhiskOptions(
            Positive(o, "keep_alive", d.KeepAlive, allowInfinite: true),
            o.Int("initial", d.Initial, 0, 100_000),
            o.Bool("reactive", d.Reactive),
            min, max,
            Positive(o, "ttl", d.Ttl, allowInfinite: true),
            o.Int("threshold", d.Threshold, 1, 100_000),
            o.Int("increment", d.Increment, 0, 100_000),
            Positive(o, "check_interval", d.CheckInterval),
            WhenFullDrops(o));
    }

    public static OracleOptions Oracle(OptionBag o)
    {
        o.RejectUnknown("model oracle", "horizon", "max_idle", "scan", "when_full");
        var d = OracleOptions.Default;
        return new OracleOptions(Positive(o, "horizon", d.Horizon, allowInfinite: true), Positive(o, "max_idle", d.MaxIdle, allowInfinite: true), WhenFullDrops(o),
            o.Int("scan", d.Scan, 1, 1_000_000));
    }

    public static PrewarmPoolOptions PrewarmPool(OptionBag o)
    {
        o.RejectUnknown("model prewarm-pool", "window", "min", "max", "headroom", "startup_estimate", "buckets", "scope", "reuse");
        var d = PrewarmPoolOptions.Default;
        var window = o.Duration("window", d.Window);
        if (window.Micros <= 0 || window.IsInfinite)
            throw new ScenarioException(o.TryGet("window", out var e) ? e.Location : o.Location, "option 'window': must be a finite duration greater than zero");
        int min = o.Int("min", d.Min, 0);
        int max = o.Has("max") ? o.Int("max", d.Max, 0) : d.Max;
        if (max < min) throw new ScenarioException(o.TryGet("max", out var e2) ? e2.Location : o.Location, $"option 'max' ({max}) must be >= 'min' ({min})");
        return new PrewarmPoolOptions(window, min, max,
            o.Double("headroom", d.Headroom, 0, 1000),
            o.Duration("startup_estimate", d.StartupEstimate),
            o.Int("buckets", d.Buckets, 1, 10_000),
            o.Choice("scope", "runtime", "runtime", "function") == "function" ? PoolScope.Function : PoolScope.Runtime,
            o.Bool("reuse", d.Reuse));
    }

    public static FixedPoolOptions FixedPool(OptionBag o)
    {
        o.RejectUnknown("model fixed-pool", "size");
        return new FixedPoolOptions(o.Int("size", FixedPoolOptions.Default.Size, 0, 100_000));
    }
}
