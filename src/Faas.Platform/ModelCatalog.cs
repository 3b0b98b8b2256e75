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
        new(KeepAlivePolicy.Name, "OpenWhisk/Lambda-style: containers keep the function and are reused (warm) until idle for ttl", "ttl (10m)",
            (o, s) => new KeepAlivePolicy(s, KeepAlive(o))),
        new(PrewarmPoolPolicy.Name, "the seed: per-runtime pools of generic containers sized by a windowed mean; one-shot containers", "window (5m), min (0), max (unlimited), headroom (2), startup_estimate (1s), buckets (10)",
            (o, s) => new PrewarmPoolPolicy(s, PrewarmPool(o))),
        new(FixedPoolPolicy.Name, "size always-warm containers per function; overflow served cold by throwaway containers (Erlang-B)", "size (1)",
            (o, s) => new FixedPoolPolicy(s, FixedPool(o))),
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
        o.RejectUnknown("model keep-alive", "ttl");
        var ttl = o.Duration("ttl", KeepAliveOptions.Default.Ttl);
        return new KeepAliveOptions(ttl);
    }

    public static PrewarmPoolOptions PrewarmPool(OptionBag o)
    {
        o.RejectUnknown("model prewarm-pool", "window", "min", "max", "headroom", "startup_estimate", "buckets");
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
            o.Int("buckets", d.Buckets, 1, 10_000));
    }

    public static FixedPoolOptions FixedPool(OptionBag o)
    {
        o.RejectUnknown("model fixed-pool", "size");
        return new FixedPoolOptions(o.Int("size", FixedPoolOptions.Default.Size, 0, 100_000));
    }
}
