using Faas.Results;

namespace Faas.Reporting.Report;

/// <summary>
/// How each claim of the seed design is judged from measured results. Every number quoted
/// comes from the experiments' summary_ci.csv (means and 95% CIs over replications); the
/// thresholds that turn words of the seed into tests ("all", "about equal", "matters less")
/// are the constants below, stated in the report. A comparison counts as a win only when the
/// two 95% intervals do not overlap (with a single replication, the means decide and the
/// report says there is no interval).
/// </summary>
public static class ClaimRules
{
    /// <summary>Claim 1: "all prewarm" / "all cold" means at least this share of the prewarm pool's starts.</summary>
    public const double AllShare = 0.95;

    /// <summary>Claim 3: in the claim's region of a crossover sweep, the prewarm pool must win at least this share of cells.</summary>
    public const double RegionWinShare = 0.75;

    /// <summary>Claim 4: "about equal" means median and mean latency within this factor either way.</summary>
    public const double EqualFactor = 1.25;

    /// <summary>Claim 5: start-up "matters little" when the models' mean latencies are within this relative spread.</summary>
    public const double SmallSpread = 0.10;

    public const string KeepAlive = "keep-alive";
    public const string PrewarmPool = "prewarm-pool";
    public const string ColdOnly = "cold-only";

    /// <summary>The claims in the words of the seed README.</summary>
    public static readonly IReadOnlyDictionary<int, string> Statements = new Dictionary<int, string>
    {
        [1] = "Best case all starts are prewarm starts; worst case (100% load) all are cold starts.",
        [2] = "Sometimes slower than keep-alive: with a single hot function, warm starts beat prewarm starts by the code-injection cost.",
        [3] = "Many functions share a runtime, each called less often than the keep-alive idle timeout but the runtime often enough to stay preloaded: the prewarm pool is faster (prewarm vs cold starts).",
        [4] = "In a saturated system with alternating functions both designs perform about the same.",
        [5] = "Long-running functions favour the design: the load time weighs less.",
    };

    /// <summary>Judges claim <paramref name="claim"/> from the experiments tagged with it; <paramref name="all"/> supplies contrasts.</summary>
    public static ClaimVerdict Judge(int claim, IReadOnlyList<ExperimentResults> tagged, IReadOnlyList<ExperimentResults> all)
    {
        string statement = Statements.TryGetValue(claim, out var s) ? s : $"claim {claim}";
        var names = tagged.Select(t => t.Name).ToList();
        if (tagged.Count == 0)
            return new ClaimVerdict(claim, statement, Verdict.NotTested, "no experiment in these results declares this claim", [], names);
        var (verdict, summary, evidence) = claim switch
        {
            1 => Claim1(tagged),
            2 => Claim2(tagged),
            3 => Claim3(tagged),
            4 => Claim4(tagged),
            5 => Claim5(tagged, all),
            _ => (Verdict.NotTested, "no rule for this claim", new List<ClaimEvidence>()),
        };
        return new ClaimVerdict(claim, statement, verdict, summary, evidence, names);
    }

    private static Verdict Combine(IReadOnlyList<Verdict> parts) =>
        parts.Count == 0 ? Verdict.NotTested
        : parts.All(v => v == Verdict.Holds) ? Verdict.Holds
        : parts.All(v => v is Verdict.DoesNotHold or Verdict.NotTested) ? Verdict.DoesNotHold
        : Verdict.Partly;

    /// <summary>a lower than b: by non-overlapping intervals, or by the means when either has none.</summary>
    private static bool Lower(Estimate a, Estimate b) =>
        a.HasInterval && b.HasInterval ? a.High < b.Low : a.Mean < b.Mean;

    private static string Significance(Estimate a, Estimate b) =>
        !(a.HasInterval && b.HasInterval) ? "single replication, no confidence interval"
        : a.SeparatedFrom(b) ? "the 95% CIs do not overlap" : "the 95% CIs overlap";

    private static string Link(ExperimentResults e) => $"[{e.Name}](#{Slug(e.Name)})";

    /// <summary>The anchor of an experiment's section.</summary>
    public static string Slug(string name) => "exp-" + new string(name.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray());

    // ---- claim 1 ------------------------------------------------------------------------

    private static (Verdict, string, List<ClaimEvidence>) Claim1(IReadOnlyList<ExperimentResults> tagged)
    {
        var rows = tagged.Where(e => !e.IsSweep && e.LabelOf(PrewarmPool) is not null)
            .Select(e => (Exp: e, Prewarm: e.Get(e.LabelOf(PrewarmPool)!, "prewarm_fraction"), Cold: e.Get(e.LabelOf(PrewarmPool)!, "cold_fraction")))
            .Where(r => r.Prewarm is not null && r.Cold is not null).ToList();
        if (rows.Count == 0) return (Verdict.NotTested, "no claim-1 experiment ran the prewarm pool", []);
        var best = rows.MaxBy(r => r.Prewarm!.Value.Mean);
        var worst = rows.MaxBy(r => r.Cold!.Value.Mean);
        bool bestOk = best.Prewarm!.Value.Mean >= AllShare;
        bool worstOk = worst.Cold!.Value.Mean >= AllShare && worst.Exp != best.Exp;
        var verdict = bestOk && worstOk ? Verdict.Holds : bestOk || worstOk ? Verdict.Partly : Verdict.DoesNotHold;
        var evidence = new List<ClaimEvidence>
        {
            new(best.Exp.Name, $"Best case ({Link(best.Exp)}): the prewarm pool served {Fmt.Pct(best.Prewarm)} of its calls with a prewarm start (threshold for \"all\": {AllShare * 100:0}%)."),
            worst.Exp != best.Exp
                ? new(worst.Exp.Name, $"Worst case ({Link(worst.Exp)}): {Fmt.Pct(worst.Cold)} of its starts were cold starts.")
                : new(null, "No second experiment shows the worst case."),
        };
        string summary = $"best case {Fmt.Num(best.Prewarm!.Value.Mean * 100, 1)}% prewarm ({best.Exp.Name}); worst case {Fmt.Num(worst.Cold!.Value.Mean * 100, 1)}% cold ({worst.Exp.Name})";
        return (verdict, summary, evidence);
    }

    // ---- claim 2 ------------------------------------------------------------------------

    private static (Verdict, string, List<ClaimEvidence>) Claim2(IReadOnlyList<ExperimentResults> tagged)
    {
        var parts = new List<Verdict>();
        var evidence = new List<ClaimEvidence>();
        string summary = "";
        foreach (var e in tagged.Where(e => !e.IsSweep))
        {
            string? ka = e.LabelOf(KeepAlive), pp = e.LabelOf(PrewarmPool);
            if (ka is null || pp is null || e.Get(ka, "p50_ms") is not { } k50 || e.Get(pp, "p50_ms") is not { } p50) continue;
            var kMean = e.Get(ka, "mean_ms");
            var pMean = e.Get(pp, "mean_ms");
            bool slower = Lower(k50, p50);
            parts.Add(slower ? Verdict.Holds : k50.Mean < p50.Mean ? Verdict.Partly : Verdict.DoesNotHold);
            double gap = p50.Mean - k50.Mean;
            var (init, initSource) = e.MeanInitMs(pp);
            evidence.Add(new(e.Name, $"{Link(e)}: median latency keep-alive {Fmt.Est(k50, "ms")} vs prewarm pool {Fmt.Est(p50, "ms")} ({Significance(k50, p50)}). " +
                $"The prewarm pool is {(gap >= 0 ? "slower" : "faster")} by {Fmt.Num(Math.Abs(gap))} ms in the median; the mean code-injection time of its prewarm starts is {Fmt.Num(init)} ms ({initSource}). " +
                $"Mean latency: keep-alive {Fmt.Est(kMean, "ms")}, prewarm pool {Fmt.Est(pMean, "ms")}. " +
                $"Keep-alive served {Fmt.Pct(e.Get(ka, "warm_fraction"))} of calls warm; the prewarm pool {Fmt.Pct(e.Get(pp, "prewarm_fraction"))} prewarm and {Fmt.Pct(e.Get(pp, "cold_fraction"))} cold " +
                "(the one-shot pool also pays a cold start whenever a burst empties it; keep-alive's containers stay)."));
            summary = $"p50 keep-alive {Fmt.Num(k50.Mean)} ms vs prewarm pool {Fmt.Num(p50.Mean)} ms (+{Fmt.Num(gap)} ms; injection {Fmt.Num(init)} ms)";
        }
        if (parts.Count == 0) return (Verdict.NotTested, "no claim-2 experiment compares keep-alive and the prewarm pool", evidence);
        return (Combine(parts), summary, evidence);
    }

    // ---- claim 3 ------------------------------------------------------------------------

    private static (Verdict, string, List<ClaimEvidence>) Claim3(IReadOnlyList<ExperimentResults> tagged)
    {
        var parts = new List<Verdict>();
        var evidence = new List<ClaimEvidence>();
        var summaries = new List<string>();
        foreach (var e in tagged)
        {
            string? ka = e.LabelOf(KeepAlive), pp = e.LabelOf(PrewarmPool);
            if (ka is null || pp is null) continue;
            if (!e.IsSweep)
            {
                if (e.Get(ka, "p50_ms") is not { } k50 || e.Get(pp, "p50_ms") is not { } p50 || e.Get(ka, "mean_ms") is not { } kMean || e.Get(pp, "mean_ms") is not { } pMean) continue;
                bool faster = Lower(p50, k50) && Lower(pMean, kMean);
                parts.Add(faster ? Verdict.Holds : p50.Mean < k50.Mean ? Verdict.Partly : Verdict.DoesNotHold);
                evidence.Add(new(e.Name, $"{Link(e)}: median latency prewarm pool {Fmt.Est(p50, "ms")} vs keep-alive {Fmt.Est(k50, "ms")} ({Significance(p50, k50)}); " +
                    $"mean {Fmt.Est(pMean, "ms")} vs {Fmt.Est(kMean, "ms")}; cold starts {Fmt.Pct(e.Get(pp, "cold_fraction"))} vs {Fmt.Pct(e.Get(ka, "cold_fraction"))}; " +
                    $"idle memory {Fmt.Est(e.Get(pp, "idle_mem_gb_s"), "GB·h", 1 / 3600.0)} vs {Fmt.Est(e.Get(ka, "idle_mem_gb_s"), "GB·h", 1 / 3600.0)}."));
                summaries.Add($"p50 {Fmt.Num(p50.Mean)} vs {Fmt.Num(k50.Mean)} ms, cold {Fmt.Num(e.Get(pp, "cold_fraction")!.Value.Mean * 100, 1)}% vs {Fmt.Num(e.Get(ka, "cold_fraction")!.Value.Mean * 100, 1)}% ({e.Name})");
                continue;
            }
            var map = Crossover.From(e);
            if (map is null) continue;
            var region = map.Cells.Where(c => c.InClaimRegion).ToList();
            var outside = map.Cells.Where(c => !c.InClaimRegion).ToList();
            int wins = region.Count(c => c.PrewarmWins);
            var kaWins = outside.Where(c => c.KeepAliveWins).ToList();
            var ppWins = outside.Where(c => c.PrewarmWins).ToList();
            var ties = outside.Where(c => !c.KeepAliveWins && !c.PrewarmWins).ToList();
            double share = region.Count == 0 ? double.NaN : wins / (double)region.Count;
            parts.Add(region.Count == 0 ? Verdict.NotTested : share >= RegionWinShare ? Verdict.Holds : wins > 0 ? Verdict.Partly : Verdict.DoesNotHold);
            string range = region.Count == 0 ? "" : $" (prewarm pool faster by {Fmt.Ratio(region.Min(c => c.Speedup))} to {Fmt.Ratio(region.Max(c => c.Speedup))} in mean latency)";
            evidence.Add(new(e.Name, $"{Link(e)} sweeps the mean time between calls of one function against the number of functions sharing the runtime. " +
                $"In the claim's region (each function called less often than the keep-alive ttl of {Fmt.Seconds(map.TtlSeconds)}, the runtime as a whole at least once per pool window of {Fmt.Seconds(map.WindowSeconds)}), " +
                $"the prewarm pool has the lower mean latency in {wins} of {region.Count} cells{range}. " +
                $"Outside it ({outside.Count} cells), keep-alive wins {kaWins.Count} ({kaWins.Count(c => c.IntervalSeconds < map.TtlSeconds)} of them where a function is called more often than the ttl), " +
                $"the prewarm pool {ppWins.Count} ({ppWins.Count(c => c.IntervalSeconds <= map.TtlSeconds)} of them at or below the ttl, where keep-alive's containers still often expire), " +
                $"and neither is clearly ahead in {ties.Count} ({ties.Count(c => c.IntervalSeconds / c.Functions >= map.WindowSeconds)} of them where the runtime is called less than once per pool window)."));
            summaries.Add($"pool wins {wins}/{region.Count} cells of the claim's region ({e.Name})");
        }
        if (parts.Count == 0) return (Verdict.NotTested, "no claim-3 experiment compares keep-alive and the prewarm pool", evidence);
        return (Combine(parts), string.Join("; ", summaries), evidence);
    }

    // ---- claim 4 ------------------------------------------------------------------------

    private static (Verdict, string, List<ClaimEvidence>) Claim4(IReadOnlyList<ExperimentResults> tagged)
    {
        var parts = new List<Verdict>();
        var evidence = new List<ClaimEvidence>();
        var summaries = new List<string>();
        foreach (var e in tagged.Where(e => !e.IsSweep))
        {
            string? ka = e.LabelOf(KeepAlive), pp = e.LabelOf(PrewarmPool);
            if (ka is null || pp is null || e.Get(ka, "p50_ms") is not { } k50 || e.Get(pp, "p50_ms") is not { } p50
                || e.Get(ka, "mean_ms") is not { } kMean || e.Get(pp, "mean_ms") is not { } pMean) continue;
            double r50 = p50.Mean / k50.Mean, rMean = pMean.Mean / kMean.Mean;
            bool eq50 = r50 <= EqualFactor && r50 >= 1 / EqualFactor, eqMean = rMean <= EqualFactor && rMean >= 1 / EqualFactor;
            var v = eq50 && eqMean ? Verdict.Holds : eq50 || eqMean ? Verdict.Partly : Verdict.DoesNotHold;
            parts.Add(v);
            int functions = e.Manifest?.Resolved.Functions.Sum(f => f.Count) ?? 0;
            string fns = functions > 0 ? $"{functions} functions" : "its functions";
            string who = r50 > 1 ? "keep-alive" : "the prewarm pool";
            evidence.Add(new(e.Name, $"{Link(e)} ({fns}): median latency keep-alive {Fmt.Est(k50, "ms")} vs prewarm pool {Fmt.Est(p50, "ms")}, a ratio of {Fmt.Ratio(r50)}; " +
                $"mean {Fmt.Est(kMean, "ms")} vs {Fmt.Est(pMean, "ms")} ({Fmt.Ratio(rMean)}). \"About equal\" is read as within {EqualFactor}× either way: " +
                (v == Verdict.Holds ? "both ratios are, so here the claim holds." : v == Verdict.Partly ? "only one ratio is." : $"{who} is clearly faster, so here the claim does not hold.")));
            evidence.Add(new(e.Name, Claim4Mechanism(e, ka, pp, v, fns)));
            summaries.Add($"{fns}: p50 ratio {Fmt.Ratio(r50)}, keep-alive {Fmt.Num(e.Get(ka, "warm_fraction")?.Mean * 100 ?? double.NaN, 0)}% warm ({e.Name}: {(v == Verdict.Holds ? "equal" : "not equal")})");
        }
        if (parts.Count == 0) return (Verdict.NotTested, "no claim-4 experiment compares keep-alive and the prewarm pool", evidence);
        return (Combine(parts), string.Join("; ", summaries), evidence);
    }

    /// <summary>The mechanism behind a claim-4 result, in measured numbers; the wording follows what was measured.</summary>
    private static string Claim4Mechanism(ExperimentResults e, string ka, string pp, Verdict v, string fns)
    {
        var m = e.Manifest?.Resolved;
        long containerBytes = m?.Runtimes.FirstOrDefault()?.MemoryBytes ?? 0;
        string slots = m?.ClusterMemoryBytes is long c && containerBytes > 0 ? $" of the {c / containerBytes} that fit in memory" : "";
        double Mean(string label, string metric) => e.Get(label, metric)?.Mean ?? double.NaN;
        string Occupied(string label) =>
            $"{Fmt.Num(Mean(label, "mean_busy_containers") + Mean(label, "mean_starting_containers"), 2)} " +
            $"({Fmt.Num(Mean(label, "mean_busy_containers"), 2)} busy, {Fmt.Num(Mean(label, "mean_starting_containers"), 2)} starting)";
        double warm = Mean(ka, "warm_fraction");
        double qKa = e.QueuedShare(ka), qPp = e.QueuedShare(pp);
        string queued = double.IsFinite(qKa) && double.IsFinite(qPp)
            ? $" Calls were waiting in the queue in {Fmt.Num(qKa * 100, 0)}% of the time-series samples under keep-alive and {Fmt.Num(qPp * 100, 0)}% under the prewarm pool."
            : "";
        string head = v == Verdict.Holds ? "**Why.** " : "**Why it does not hold here.** ";
        string text = head +
            $"The prewarm pool removes every container after one call and, whenever calls queue, starts the runtime of the next queued call: {Fmt.Pct(e.Get(pp, "cold_fraction"))} of its calls were cold starts, as the seed expects at full load. " +
            $"Keep-alive served {Fmt.Pct(e.Get(ka, "warm_fraction"))} of its calls warm and created {Fmt.Num(Mean(ka, "containers_created"), 0)} containers (the prewarm pool {Fmt.Num(Mean(pp, "containers_created"), 0)}). ";
        if (warm >= 0.5)
        {
            text += $"With {fns}, a container freed by a call is often reused by the next call of the same function, and calls that arrive while the queue is empty find an idle container of their own. " +
                "A warm call holds memory only for its execution; every prewarm-pool call also holds it for a runtime start, so the one-shot pool needs more capacity for the same load: " +
                $"on average it kept {Occupied(pp)} containers occupied{slots}, keep-alive {Occupied(ka)}. " +
                (double.IsFinite(qKa) && double.IsFinite(qPp) && qPp >= 0.5 && qKa < 0.5 ? "So the prewarm pool is saturated and keep-alive much less so: m" : "M") +
                $"ean wait in the queue {Fmt.Est(e.Get(pp, "mean_queue_ms"), "ms")} under the prewarm pool vs {Fmt.Est(e.Get(ka, "mean_queue_ms"), "ms")} under keep-alive.{queued} " +
                "The seed's premise that a saturated keep-alive system rarely finds a matching container does not hold for so few alternating functions.";
        }
        else
        {
            text += $"With {fns} in rotation, a freed container seldom holds the code of the next call served, so keep-alive pays a runtime start for most calls too " +
                $"(containers occupied on average: keep-alive {Occupied(ka)}, prewarm pool {Occupied(pp)}{slots}; mean wait in the queue {Fmt.Est(e.Get(ka, "mean_queue_ms"), "ms")} vs {Fmt.Est(e.Get(pp, "mean_queue_ms"), "ms")}).{queued} " +
                (v == Verdict.Holds ? "This is the situation the seed describes, and the two designs perform about the same." : "Even so the gap stays above the tolerance.");
        }
        return text;
    }

    // ---- claim 5 ------------------------------------------------------------------------

    private static (Verdict, string, List<ClaimEvidence>) Claim5(IReadOnlyList<ExperimentResults> tagged, IReadOnlyList<ExperimentResults> all)
    {
        var parts = new List<Verdict>();
        var evidence = new List<ClaimEvidence>();
        string summary = "";
        foreach (var e in tagged)
        {
            var models = e.Models;
            if (models.Count < 2) continue;
            if (!e.IsSweep)
            {
                var means = models.Select(l => (Label: l, Est: e.Get(l, "mean_ms"))).Where(x => x.Est is not null).ToList();
                if (means.Count < 2) continue;
                var lo = means.MinBy(x => x.Est!.Value.Mean);
                var hi = means.MaxBy(x => x.Est!.Value.Mean);
                double spread = hi.Est!.Value.Mean / lo.Est!.Value.Mean - 1;
                parts.Add(spread <= SmallSpread ? Verdict.Holds : Verdict.DoesNotHold);
                double exec = e.ExecMeanSeconds * 1000;
                string share = double.IsFinite(exec) && e.LabelOf(PrewarmPool) is { } pp && e.Get(pp, "mean_ms") is { } pm
                    ? $" With a mean execution of {Fmt.Seconds(exec / 1000)}, start-up and queueing are {Fmt.Num(Math.Max(0, 1 - exec / pm.Mean) * 100, 1)}% of the prewarm pool's mean latency."
                    : "";
                string contrast = "";
                var shortFns = all.Where(x => x != e && !x.IsSweep && x.Claims.Contains(3) && x.Models.Count >= 2).ToList();
                foreach (var s in shortFns)
                {
                    var sm = s.Models.Select(l => s.Get(l, "mean_ms")).Where(x => x is not null).Select(x => x!.Value.Mean).ToList();
                    if (sm.Count < 2) continue;
                    contrast += $" For contrast, with {Fmt.Seconds(s.ExecMeanSeconds)} executions ({Link(s)}) the slowest model's mean latency is {Fmt.Ratio(sm.Max() / sm.Min())} the fastest's.";
                }
                evidence.Add(new(e.Name, $"{Link(e)}: mean latency of the slowest model ({hi.Label}, {Fmt.Est(hi.Est, "ms")}) is {Fmt.Num(spread * 100, 1)}% above the fastest ({lo.Label}, {Fmt.Est(lo.Est, "ms")}); " +
                    $"\"matters less\" is read as within {SmallSpread * 100:0}%.{share}{contrast}"));
                summary = $"models within {Fmt.Num(spread * 100, 1)}% of each other in mean latency ({e.Name})";
                continue;
            }
            // A sweep over execution time: the spread should shrink as executions get longer.
            var execCol = e.Estimates.SelectMany(x => x.Parameters).Select(p => p.Key).Distinct().FirstOrDefault(k => k.Contains("exec", StringComparison.Ordinal));
            if (execCol is null) continue;
            var points = e.Estimates.Where(x => x.Metric == "mean_ms").GroupBy(x => x.PointKey)
                .Select(g => (Exec: g.First().Parameter(execCol), Spread: g.Max(x => x.Estimate.Mean) / g.Min(x => x.Estimate.Mean) - 1))
                .OrderBy(p => p.Exec).ToList();
            if (points.Count < 2) continue;
            bool shrinks = points.Zip(points.Skip(1)).All(p => p.Second.Spread <= p.First.Spread);
            bool small = points[^1].Spread <= SmallSpread;
            parts.Add(shrinks && small ? Verdict.Holds : shrinks || small ? Verdict.Partly : Verdict.DoesNotHold);
            evidence.Add(new(e.Name, $"{Link(e)}: spread between the slowest and fastest model's mean latency by execution time: " +
                string.Join(", ", points.Select(p => $"{Fmt.Num(p.Exec)} s: {Fmt.Num(p.Spread * 100, 1)}%")) + "."));
        }
        if (parts.Count == 0) return (Verdict.NotTested, "no claim-5 experiment compares two models", evidence);
        return (Combine(parts), summary, evidence);
    }
}
