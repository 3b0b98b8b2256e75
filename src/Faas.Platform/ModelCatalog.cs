using Faas.Engine;
using Faas.Platform.Models;
using Faas.Platform.Policies;

namespace Faas.Platform;

/// <summary>
/// The platform models by their scenario name. Each entry declares its capabilities and one option
/// table (help, key check and parsing all come from it) and builds a fresh policy for one run.
/// Options come through an <see cref="IOptionSource"/>, so errors are located by whoever wrote them
/// (a scenario file, a command line).
/// </summary>
public static class ModelCatalog
{
    private static readonly ModelOption WhenFull = ModelOption.Choice("when_full", "a call that finds no capacity waits in the queue, or is dropped at once", "queue", "drop");

    private static readonly OptionTable KeepAliveTable = new(
        ModelOption.Duration("ttl", KeepAliveOptions.Default.Ttl, "how long an idle container keeps its function before it is removed"),
        ModelOption.Choice("ttl_from", "count the ttl from the end of the container's last call, or from its start", "end", "start"),
        WhenFull);

    private static readonly OptionTable PrewarmPoolTable = new(
        ModelOption.Duration("window", PrewarmPoolOptions.Default.Window, "length of the sliding window over which each runtime's calls are averaged", positive: true),
        ModelOption.Int("min", PrewarmPoolOptions.Default.Min, 0, int.MaxValue, "pool size floor per runtime"),
        ModelOption.Int("max", PrewarmPoolOptions.Default.Max, 0, int.MaxValue, "pool size ceiling per runtime", defaultText: "unlimited"),
        ModelOption.Double("headroom", PrewarmPoolOptions.Default.Headroom, 0, 1000, "safety factor on the calls expected during one container start"),
        ModelOption.Duration("startup_estimate", PrewarmPoolOptions.Default.StartupEstimate, "container start time assumed until starts are observed"),
        ModelOption.Int("buckets", PrewarmPoolOptions.Default.Buckets, 1, 10_000, "the window is kept as this many buckets (targets change at their boundaries)"),
        ModelOption.Choice("scope", "one pool per runtime (the seed), or per function", "runtime", "function"),
        ModelOption.Bool("reuse", PrewarmPoolOptions.Default.Reuse, "a container returns to its pool after its call instead of being removed"));

    private static readonly OptionTable FixedPoolTable = new(
        ModelOption.Int("size", FixedPoolOptions.Default.Size, 0, 100_000, "always-warm containers per function"));

    private static readonly OptionTable FaasCacheTable = new(WhenFull);

    private static readonly OptionTable HybridHistogramTable = new(
        ModelOption.Choice("per", "one idle-time histogram per application, or per function", "app", "function"),
        ModelOption.Duration("range", HybridHistogramOptions.Default.Range, "histogram range; longer idle times are out of bounds", positive: true),
        ModelOption.Duration("bin", HybridHistogramOptions.Default.Bin, "histogram bin width", positive: true),
        ModelOption.Double("head", HybridHistogramOptions.Default.Head, 0, 100, "percentile whose bin's lower edge is the pre-warm window"),
        ModelOption.Double("tail", HybridHistogramOptions.Default.Tail, 0, 100, "percentile whose bin's upper edge ends the keep-alive"),
        ModelOption.Double("margin", HybridHistogramOptions.Default.Margin, 0, 0.99, "the pre-warm window shrinks and the keep-alive grows by this fraction"),
        ModelOption.Double("cv_threshold", HybridHistogramOptions.Default.CvThreshold, 0, double.PositiveInfinity, "bin counts with a coefficient of variation below this are not representative"),
        ModelOption.Int("min_samples", HybridHistogramOptions.Default.MinSamples, 1, int.MaxValue, "idle times needed before the histogram or forecast is trusted"),
        ModelOption.Duration("fallback_keep_alive", HybridHistogramOptions.Default.FallbackKeepAlive, "keep-alive while the histogram is not representative", positive: true, allowInfinite: true),
        ModelOption.Double("oob_threshold", HybridHistogramOptions.Default.OobThreshold, 0, 1, "above this share of out-of-bound idle times the forecast replaces the histogram"),
        ModelOption.Double("forecast_margin", HybridHistogramOptions.Default.ForecastMargin, 0, 0.99, "margin around the forecast idle time"),
        ModelOption.Choice("forecast", "the idle-time forecast: autoregressive, or the mean of the history", "ar", "mean"),
        ModelOption.Int("forecast_order", HybridHistogramOptions.Default.ForecastOrder, 0, IdleTimeForecast.MaxSupportedOrder, "largest autoregressive order tried"),
        ModelOption.Int("forecast_history", HybridHistogramOptions.Default.ForecastHistory, 1, 256, "idle times kept per key for the forecast"),
        WhenFull);

    private static readonly OptionTable OpenWhiskTable = new(
        ModelOption.Duration("keep_alive", OpenWhiskOptions.Default.KeepAlive, "idle timeout of a warm container", positive: true, allowInfinite: true),
        ModelOption.Int("initial", OpenWhiskOptions.Default.Initial, 0, 100_000, "stem cells started per runtime at start-up"),
        ModelOption.Bool("reactive", OpenWhiskOptions.Default.Reactive, "scale stem cells by recent cold starts (false keeps 'initial' forever)"),
        ModelOption.Int("min", OpenWhiskOptions.Default.Min, 0, 100_000, "reactive floor of stem cells per runtime"),
        ModelOption.Int("max", OpenWhiskOptions.Default.Max, 0, 100_000, "reactive ceiling of stem cells per runtime (at least 'min')"),
        ModelOption.Duration("ttl", OpenWhiskOptions.Default.Ttl, "an unused stem cell older than this is removed at the next check", positive: true, allowInfinite: true),
        ModelOption.Int("threshold", OpenWhiskOptions.Default.Threshold, 1, 100_000, "cold starts per check interval that ask for 'increment' more stem cells"),
        ModelOption.Int("increment", OpenWhiskOptions.Default.Increment, 0, 100_000, "stem cells per 'threshold' cold starts"),
        ModelOption.Duration("check_interval", OpenWhiskOptions.Default.CheckInterval, "how often expired stem cells go and the desired count is recomputed", positive: true),
        WhenFull);

    private static readonly OptionTable OracleTable = new(
        ModelOption.Duration("horizon", OracleOptions.Default.Horizon, "how far ahead the oracle reads the calls to come", positive: true, allowInfinite: true),
        ModelOption.Duration("max_idle", OracleOptions.Default.MaxIdle, "an idle container next used further away than this is removed at once", positive: true, allowInfinite: true),
        ModelOption.Int("scan", OracleOptions.Default.Scan, 1, 1_000_000, "future calls of a function the eviction rank replays"),
        WhenFull);

    /// <summary>All models, in the order they are documented.</summary>
    public static IReadOnlyList<ModelEntry> All { get; } =
    [
        new(ColdOnlyPolicy.Name, "every call creates a container, removed after the call (latency upper bound)", ModelCapabilities.OneShot, new OptionTable(),
            (_, s) => new ColdOnlyPolicy(s)),
        new(KeepAlivePolicy.Name, "OpenWhisk/Lambda-style: containers keep the function and are reused (warm) until idle for ttl", ModelCapabilities.None, KeepAliveTable,
            (o, s) => new KeepAlivePolicy(s, KeepAlive(o))),
        new(PrewarmPoolPolicy.Name, "the seed: per-runtime pools of generic containers sized by a windowed mean; one-shot containers", ModelCapabilities.OneShot, PrewarmPoolTable,
            (o, s) => new PrewarmPoolPolicy(s, PrewarmPool(o))),
        new(FixedPoolPolicy.Name, "size always-warm containers per function; overflow served cold by throwaway containers (Erlang-B)", ModelCapabilities.None, FixedPoolTable,
            (o, s) => new FixedPoolPolicy(s, new FixedPoolOptions(o.Int("size")))),
        new(FaasCachePolicy.Name, "FaasCache (ASPLOS 2021): no timeout; under memory pressure evict the idle container of lowest Greedy-Dual priority clock + frequency x cold cost / size",
            ModelCapabilities.None, FaasCacheTable,
            (o, s) => new FaasCachePolicy(s, new FaasCacheOptions(WhenFullDrops(o)))),
        new(HybridHistogramPolicy.Name, "Shahrad et al. (ATC 2020): per-app idle-time histogram; unload after a call, pre-warm at its head (5th pct - 10%), keep alive to its tail (99th pct + 10%)",
            ModelCapabilities.None, HybridHistogramTable,
            (o, s) => new HybridHistogramPolicy(s, HybridHistogram(o))),
        new(OpenWhiskPolicy.Name, "Apache OpenWhisk invoker pool: warm (keep_alive) -> stem cell of the runtime (prewarm) -> cold; reactive stem-cell count from recent cold starts",
            ModelCapabilities.None, OpenWhiskTable,
            (o, s) => new OpenWhiskPolicy(s, OpenWhisk(o))),
        new(OraclePolicy.Name, "clairvoyant keep-alive (simulator only): keep a container only if its function is called again, evict the one used furthest in the future (Belady)",
            ModelCapabilities.NeedsFuture | ModelCapabilities.SimulatorOnly, OracleTable,
            (o, s) => new OraclePolicy(s, Oracle(o)), horizon: o => o.Duration("horizon")),
    ];

    /// <summary>The model called <paramref name="name"/>, or null.</summary>
    public static ModelEntry? Find(string name) => All.FirstOrDefault(e => e.Name == name);

    /// <summary>The names of all models, for "expected one of" messages.</summary>
    public static string Names => string.Join(", ", All.Select(e => e.Name));

    /// <summary>keep-alive's options from <paramref name="source"/>.</summary>
    public static KeepAliveOptions KeepAlive(IOptionSource source) => KeepAlive(Find(KeepAlivePolicy.Name)!.Bind(source));

    /// <summary>prewarm-pool's options from <paramref name="source"/>.</summary>
    public static PrewarmPoolOptions PrewarmPool(IOptionSource source) => PrewarmPool(Find(PrewarmPoolPolicy.Name)!.Bind(source));

    /// <summary>openwhisk's options from <paramref name="source"/>.</summary>
    public static OpenWhiskOptions OpenWhisk(IOptionSource source) => OpenWhisk(Find(OpenWhiskPolicy.Name)!.Bind(source));

    private static bool WhenFullDrops(ModelOptions o) => o.Choice("when_full") == "drop";

    private static KeepAliveOptions KeepAlive(ModelOptions o) => new(o.Duration("ttl"), o.Choice("ttl_from") == "start", WhenFullDrops(o));

    private static PrewarmPoolOptions PrewarmPool(ModelOptions o)
    {
        int min = o.Int("min"), max = o.Int("max");
        if (max < min) throw o.Error("max", $"option 'max' ({max}) must be >= 'min' ({min})");
        return new PrewarmPoolOptions(o.Duration("window"), min, max, o.Double("headroom"), o.Duration("startup_estimate"), o.Int("buckets"),
            o.Choice("scope") == "function" ? PoolScope.Function : PoolScope.Runtime, o.Bool("reuse"));
    }

    private static HybridHistogramOptions HybridHistogram(ModelOptions o)
    {
        SimDuration range = o.Duration("range"), bin = o.Duration("bin");
        if (range.Micros / bin.Micros > 100_000) throw o.Error("bin", "option 'bin': range / bin must be at most 100000 bins");
        double head = o.Double("head"), tail = o.Double("tail");
        if (tail < head) throw o.Error("tail", $"option 'tail' ({tail}) must be >= 'head' ({head})");
        return new HybridHistogramOptions(
            o.Choice("per") == "app", range, bin, head, tail,
            o.Double("margin"), o.Double("cv_threshold"), o.Int("min_samples"), o.Duration("fallback_keep_alive"),
            o.Double("oob_threshold"), o.Double("forecast_margin"), WhenFullDrops(o),
            o.Choice("forecast") == "mean" ? HybridForecast.Mean : HybridForecast.Ar,
            o.Int("forecast_order"), o.Int("forecast_history"));
    }

    private static OpenWhiskOptions OpenWhisk(ModelOptions o)
    {
        int min = o.Int("min");
        // an unwritten max follows a min above the default ceiling
        int max = o.Has("max") ? o.Int("max") : Math.Max(OpenWhiskOptions.Default.Max, min);
        if (max < min) throw o.Error("max", $"option 'max' ({max}) must be >= 'min' ({min})");
        return new OpenWhiskOptions(o.Duration("keep_alive"), o.Int("initial"), o.Bool("reactive"), min, max, o.Duration("ttl"),
            o.Int("threshold"), o.Int("increment"), o.Duration("check_interval"), WhenFullDrops(o));
    }

    private static OracleOptions Oracle(ModelOptions o) =>
        new(o.Duration("horizon"), o.Duration("max_idle"), WhenFullDrops(o), o.Int("scan"));
}
