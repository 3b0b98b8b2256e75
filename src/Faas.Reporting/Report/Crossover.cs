using Faas.Results;

namespace Faas.Reporting.Report;

/// <summary>
/// The crossover sweep of claim 3 read from an experiment's estimates: one cell per (mean time
/// between calls of one function, functions sharing the runtime), comparing the mean latency of
/// keep-alive and the prewarm pool.
/// </summary>
public sealed record Crossover(IReadOnlyList<Crossover.Cell> Cells, double TtlSeconds, double WindowSeconds, double StartSeconds)
{
    public const string IntervalColumn = "param_mean_interval_s";
    public const string FunctionsColumn = "param_functions";

    /// <summary>One grid cell. <see cref="Speedup"/> is keep-alive's mean latency over the pool's (above 1: the pool is faster).</summary>
    public sealed record Cell(double IntervalSeconds, double Functions, Estimate KeepAlive, Estimate Prewarm, bool InClaimRegion)
    {
        public double Speedup => KeepAlive.Mean / Prewarm.Mean;

        /// <summary>The pool's mean latency is lower: intervals apart, or means when there is no interval.</summary>
        public bool PrewarmWins => KeepAlive.HasInterval && Prewarm.HasInterval ? Prewarm.High < KeepAlive.Low : Prewarm.Mean < KeepAlive.Mean;

        public bool KeepAliveWins => KeepAlive.HasInterval && Prewarm.HasInterval ? KeepAlive.High < Prewarm.Low : KeepAlive.Mean < Prewarm.Mean;
    }

    /// <summary>
    /// The cells of <paramref name="e"/>, or null when it is not a sweep over both parameters with
    /// both models. The claim's region: a function's mean interval above the keep-alive ttl, and
    /// the runtime's (interval / functions) below the pool window, i.e. the runtime is called at
    /// least once per window on average, so the windowed mean keeps a container preloaded.
    /// </summary>
    public static Crossover? From(ExperimentResults e)
    {
        string? ka = e.LabelOf(ClaimRules.KeepAlive), pp = e.LabelOf(ClaimRules.PrewarmPool);
        if (ka is null || pp is null) return null;
        var models = e.Manifest?.Resolved.Models;
        double ttl = models?.FirstOrDefault(m => m.Label == ka)?.TtlS ?? 600;
        double window = models?.FirstOrDefault(m => m.Label == pp)?.WindowS ?? 300;
        double start = e.Manifest?.Resolved.Runtimes.FirstOrDefault()?.ColdStartMeanS ?? double.NaN;
        var cells = new List<Cell>();
        foreach (var g in e.Estimates.Where(x => x.Metric == "mean_ms").GroupBy(x => x.PointKey))
        {
            var first = g.First();
            double interval = first.Parameter(IntervalColumn), functions = first.Parameter(FunctionsColumn);
            var k = g.FirstOrDefault(x => x.Model == ka)?.Estimate;
            var p = g.FirstOrDefault(x => x.Model == pp)?.Estimate;
            if (!double.IsFinite(interval) || !double.IsFinite(functions) || k is null || p is null) continue;
            cells.Add(new Cell(interval, functions, k.Value, p.Value, interval > ttl && interval / functions < window));
        }
        return cells.Count == 0 ? null : new Crossover(cells, ttl, window, start);
    }
}
