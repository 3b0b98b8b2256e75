using System.Globalization;
using System.Text;
using Faas.Backends.Docker.Engine;
using Faas.Backends.Sim;
using Faas.Experiments;
using Faas.Platform.Results;
using Faas.Results;
using Faas.Scenarios;

namespace Faas.Fidelity;

/// <summary>
/// <c>validate-real</c>: runs a (calibrated) scenario in simulation and for real with the same
/// workload, and compares per model start-type fractions, p50/p95/p99 latency, idle memory-time and
/// containers created (comparison.csv, comparison.md) with overlaid latency CDFs (latency-cdf.png/svg).
/// Targets: start-type fractions within ±3 percentage points, p50 within 10 %, p99 within 20 %.
/// With one real replication they are judged against the mean of the simulated replications; with
/// R &gt; 1 the replay runs the calls of simulated replications 0..R−1 (one real run each) and the
/// targets are judged paired: the simulation's replications 0..R−1 pooled against the R real runs
/// pooled (<see cref="PooledSummary"/>), so both sides see exactly the same calls.
/// The simulation models the real driver's start gate: unless the scenario sets
/// <c>max_parallel_starts</c>, it is simulated with the replay's <c>--max-parallel-starts</c>.
/// </summary>
public static class Validator
{
    /// <summary>Most real replications <c>validate-real</c> runs (each is a full real run of every model).</summary>
    public const int MaxRealReplications = 20;

    public static async Task<IReadOnlyList<FidelityRow>> RunAsync(Scenario s, int replications, ReplayOptions o, string outDir, IReadOnlyList<string>? models, IContainerEngine? engine, TextWriter log, CancellationToken cancel, int realReplications = 1)
    {
        if (realReplications < 1 || realReplications > MaxRealReplications)
            throw new BadInputException($"--real-replications must be between 1 and {MaxRealReplications}, got {realReplications}");
        if (realReplications > replications)
            throw new BadInputException($"--real-replications ({realReplications}) must not exceed --replications ({replications}): each real run is paired with the simulated replication of the same index");
        for (int i = 0; i < realReplications; i++)
            ReplayRunner.CheckFits(s, Workload.Plan(s, i), o); // refuse before simulating
        Directory.CreateDirectory(outDir);
        var simOptions = new ExperimentOptions(Path.Combine(outDir, "sim"), models is { Count: > 0 } ? models : null, null, replications, true, false);
        var simScenario = SimulatedAs(s, o, log);
        log.WriteLine($"validate-real {s.Name}: simulating {replications} replication(s) per model (at most {simScenario.MaxParallelStarts} starts at once)");
        var sim = ExperimentRunner.Run(simScenario, simOptions, cancel: cancel);

        // real runs: replication i replays the calls of simulated replication i
        var realByRep = new List<IReadOnlyList<RealRun>>();
        for (int i = 0; i < realReplications; i++)
        {
            string dir = realReplications == 1 ? Path.Combine(outDir, "real") : Path.Combine(outDir, "real", $"rep{i}");
            if (realReplications > 1)
                log.WriteLine($"validate-real {s.Name}: real replication {i + 1}/{realReplications} (calls of simulated replication {i}) -> {dir}");
            realByRep.Add(await ReplayRunner.RunAllAsync(s, o, dir, models, engine, log, cancel, i).ConfigureAwait(false));
        }
        var real = realByRep[0];

        var rows = new List<FidelityRow>();
        foreach (var r in real)
        {
            var sims = sim.Summaries.Where(x => x.Model == r.Model.Label).ToList();
            double Mean(Func<RunSummary, double> f) => sims.Select(f).Where(v => !double.IsNaN(v)).DefaultIfEmpty(double.NaN).Average();
            var rs = r.Summary;
            var rep0 = sims.FirstOrDefault(x => x.Replication == 0);
            int first = rows.Count;
            rows.Add(Frac("cold_fraction", x => x.ColdFraction));
            rows.Add(Frac("prewarm_fraction", x => x.PrewarmFraction));
            rows.Add(Frac("warm_fraction", x => x.WarmFraction));
            rows.Add(Rel("p50_ms", x => x.P50Ms, 0.10));
            rows.Add(new FidelityRow(r.Model.Label, "p95_ms", Mean(x => x.P95Ms), rs.P95Ms, "", null));
            rows.Add(Rel("p99_ms", x => x.P99Ms, 0.20));
            rows.Add(new FidelityRow(r.Model.Label, "idle_mem_gb_s", Mean(x => x.IdleMemGbS), rs.IdleMemGbS, "", null));
            rows.Add(new FidelityRow(r.Model.Label, "containers_created", Mean(x => x.ContainersCreated), rs.ContainersCreated, "", null));
            rows.Add(new FidelityRow(r.Model.Label, "failed_or_dropped", Mean(x => x.Failed + x.Dropped), rs.Failed + rs.Dropped, "", null));
            var runsOfModel = realByRep.Select(rep => rep.Single(x => x.Model.Label == r.Model.Label)).ToList();
            rows.Add(new FidelityRow(r.Model.Label, "dispatch_lag_p99_ms", 0, r.LagP99Ms, $"<= {o.LagLimitMs} (trusted)", r.Trusted));
            if (rep0 is not null)
            {
                var one = new Dictionary<string, double>
                {
                    ["cold_fraction"] = rep0.ColdFraction,
                    ["prewarm_fraction"] = rep0.PrewarmFraction,
                    ["warm_fraction"] = rep0.WarmFraction,
                    ["p50_ms"] = rep0.P50Ms,
                    ["p95_ms"] = rep0.P95Ms,
                    ["p99_ms"] = rep0.P99Ms,
                    ["idle_mem_gb_s"] = rep0.IdleMemGbS,
                    ["containers_created"] = rep0.ContainersCreated,
                    ["failed_or_dropped"] = rep0.Failed + rep0.Dropped,
                };
                for (int i = first; i < rows.Count; i++)
                    if (one.TryGetValue(rows[i].Metric, out double v)) rows[i] = rows[i] with { SimRep0 = v };
            }
            if (realReplications > 1)
            {
                var simPooled = PooledSummary.Pool(SimulatedRuns(simScenario, sim, r.Model, realReplications, cancel));
                var realPooled = PooledSummary.Pool(runsOfModel.Select(x => new PooledRun(x.Calls.Select(CallOutcome.From).ToList(), x.Summary.IdleMemGbS, x.Summary.ContainersCreated)).ToList());
                for (int i = first; i < rows.Count; i++)
                {
                    var row = rows[i];
                    if (row.Metric == "dispatch_lag_p99_ms")
                    {
                        // the worst run's p99 lag; met only if every run is trusted (no simulated counterpart)
                        rows[i] = row with { RealPaired = runsOfModel.Max(x => x.LagP99Ms), Met = runsOfModel.All(x => x.Trusted), RealRuns = runsOfModel.Select(x => x.LagP99Ms).ToList() };
                        continue;
                    }
                    var perRun = runsOfModel.Select(x => PooledSummary.Pool([new PooledRun(x.Calls.Select(CallOutcome.From).ToList(), x.Summary.IdleMemGbS, x.Summary.ContainersCreated)]).Metric(row.Metric)).ToList();
                    rows[i] = Judge(row with { SimPaired = simPooled.Metric(row.Metric), RealPaired = realPooled.Metric(row.Metric), RealRuns = perRun });
                }
            }

            FidelityRow Frac(string m, Func<RunSummary, double> f)
            {
                double a = Mean(f), b = f(rs);
                return new FidelityRow(r.Model.Label, m, a, b, "±3 pp", Math.Abs(b - a) <= 0.03);
            }
            FidelityRow Rel(string m, Func<RunSummary, double> f, double tol)
            {
                double a = Mean(f), b = f(rs);
                return new FidelityRow(r.Model.Label, m, a, b, string.Create(CultureInfo.InvariantCulture, $"±{tol * 100:0}%"), Math.Abs(b - a) <= tol * Math.Abs(a));
            }
        }
        Write(outDir, simScenario, replications, realReplications, rows, realByRep, o);
        return rows;
    }

    /// <summary>Re-judges a row's target (±3 pp fractions, ±N% relative) on its judged values (<see cref="FidelityRow.JudgedSim"/>, <see cref="FidelityRow.JudgedReal"/>).</summary>
    public static FidelityRow Judge(FidelityRow row)
    {
        if (row.Met is null || row.Target.Length == 0) return row;
        double a = row.JudgedSim, b = row.JudgedReal;
        if (row.Target == "±3 pp") return row with { Met = Math.Abs(b - a) <= 0.03 };
        if (row.Target.StartsWith('±') && row.Target.EndsWith('%')
            && double.TryParse(row.Target[1..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out double pct))
            return row with { Met = Math.Abs(b - a) <= pct / 100 * Math.Abs(a) };
        return row;
    }

    /// <summary>
    /// The simulated replications 0..<paramref name="count"/>−1 of <paramref name="model"/> as pooled runs:
    /// each replication is re-run (deterministic: the same records as the experiment's) to collect its calls;
    /// idle memory-time and containers created come from the experiment's summaries.
    /// </summary>
    public static IReadOnlyList<PooledRun> SimulatedRuns(Scenario simScenario, ExperimentResult sim, ModelSpec model, int count, CancellationToken cancel)
    {
        var runs = new List<PooledRun>(count);
        for (int i = 0; i < count; i++)
        {
            var summary = sim.Summaries.Single(x => x.Model == model.Label && x.Replication == i);
            var calls = new CallCollector();
            new SimulationRun(simScenario, model, i, calls).Run(cancel: cancel);
            runs.Add(new PooledRun(calls.Calls, summary.IdleMemGbS, summary.ContainersCreated));
        }
        return runs;
    }

    private sealed class CallCollector : IRunObserver
    {
        public List<CallOutcome> Calls { get; } = [];

        public void OnInvocation(in InvocationRecord record) => Calls.Add(CallOutcome.From(record));

        public void OnSample(in TimeSample sample) { }
    }

    /// <summary>
    /// The scenario as simulated against a replay with <paramref name="o"/>: the driver's start cap unless
    /// the scenario gives its own (then a note if they differ: the replay always uses the driver's).
    /// </summary>
    public static Scenario SimulatedAs(Scenario s, ReplayOptions o, TextWriter log)
    {
        int driverCap = o.Driver.MaxParallelStarts;
        if (s.MaxParallelStarts is null) return s with { MaxParallelStarts = driverCap };
        if (s.MaxParallelStarts != driverCap)
            log.WriteLine($"note: the scenario simulates max_parallel_starts {s.MaxParallelStarts} but the replay runs with --max-parallel-starts {driverCap}");
        return s;
    }

    private static string F(double v) => double.IsNaN(v) ? "" : double.IsInfinity(v) ? "inf" : v.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>A relative error in percent with its sign; rounded first, so a small negative error reads "-0.0%" or "+0.0%", never "-+0.0%" (a custom format's negative section that rounds to zero falls back to the first section).</summary>
    public static string Pct(double rel) => double.IsNaN(rel) ? "" : double.IsInfinity(rel) ? "inf" : (Math.Round(rel * 100, 1) + 0.0).ToString("+0.0;-0.0;+0.0", CultureInfo.InvariantCulture) + "%";

    private static string MetText(bool? met, bool bold) => met is null ? "" : met.Value ? "yes" : bold ? "**no**" : "no";

    private static void Write(string outDir, Scenario s, int reps, int realReps, List<FidelityRow> rows, IReadOnlyList<IReadOnlyList<RealRun>> realByRep, ReplayOptions o)
    {
        bool paired = realReps > 1;
        var csv = new StringBuilder(string.Join(",", paired ? ComparisonCsv.PairedHeader : ComparisonCsv.Header) + "\n");
        foreach (var r in rows)
        {
            string met = r.Met is null ? "" : r.Met.Value ? "yes" : "no";
            if (paired)
                csv.Append($"{s.Name},{r.Model},{r.Metric},{F(r.Sim)},{F(r.SimRep0)},{F(r.Real)},{F(r.SimPaired)},{F(r.RealPaired)},{string.Join(' ', r.RealRuns.Select(F))},{F(r.AbsError)},{F(r.RelError)},{r.Target},{met},{(r.Metric == "dispatch_lag_p99_ms" ? "every run" : "paired")}\n");
            else
                csv.Append($"{s.Name},{r.Model},{r.Metric},{F(r.Sim)},{F(r.SimRep0)},{F(r.Real)},{F(r.AbsError)},{F(r.RelError)},{r.Target},{met}\n");
        }
        File.WriteAllText(Path.Combine(outDir, ComparisonCsv.FileName), csv.ToString());
        var md = new StringBuilder();
        if (!paired)
        {
            md.AppendLine($"# {s.Name}: simulation ({reps} replications, mean) vs real (Docker)");
            md.AppendLine();
            md.AppendLine($"Calibration: {s.CalibrationPath ?? "(none: the scenario's own cold_start/init)"}. {SimulatedFeatures(s)} Real latency = measured total (arrival to result); simulated latency = queue + startup + init + exec. Errors and targets are against the mean of the replications; replication 0 has exactly the real run's calls.");
            foreach (var run in realByRep[0])
                md.AppendLine(LagLine(run, null));
            md.AppendLine();
            md.AppendLine("| model | metric | sim (mean) | sim rep 0 (same calls) | real | abs error | rel error | target | met |");
            md.AppendLine("|---|---|---:|---:|---:|---:|---:|---|---|");
            foreach (var r in rows)
                md.AppendLine($"| {r.Model} | {r.Metric} | {F(r.Sim)} | {F(r.SimRep0)} | {F(r.Real)} | {F(r.AbsError)} | {Pct(r.RelError)} | {r.Target} | {MetText(r.Met, true)} |");
        }
        else
        {
            md.AppendLine($"# {s.Name}: simulation vs real (Docker), paired over {realReps} real replications");
            md.AppendLine();
            md.AppendLine($"Calibration: {s.CalibrationPath ?? "(none: the scenario's own cold_start/init)"}. {SimulatedFeatures(s)} Real latency = measured total (arrival to result); simulated latency = queue + startup + init + exec.");
            md.AppendLine();
            md.AppendLine($"Real replication i replays exactly the calls (arrivals and execution times) of simulated replication i, i = 0..{realReps - 1}. **Targets are judged paired**: \"sim paired\" pools the simulated replications 0..{realReps - 1} and \"real paired\" the {realReps} real runs (all their calls together: start-type fractions = counts / completed calls, p50/p95/p99 = nearest-rank quantiles of all completed latencies; idle memory-time, containers created and failed/dropped as means per run). Errors are real paired − sim paired. For reference, \"sim (mean)\" is the mean of all {reps} simulated replications' own values, \"sim rep 0\" replication 0 and \"real rep 0\" its real run (the columns of a single-replication comparison); \"real per run\" lists each real run's own value. The dispatch-lag row shows the worst run's p99 and is met only if every run is trusted.");
            md.AppendLine();
            for (int i = 0; i < realByRep.Count; i++)
                foreach (var run in realByRep[i])
                    md.AppendLine(LagLine(run, i));
            var untrusted = realByRep.SelectMany((rep, i) => rep.Where(x => !x.Trusted).Select(x => $"{x.Model.Label} rep {i}")).ToList();
            md.AppendLine();
            md.AppendLine(untrusted.Count == 0
                ? "All real runs trusted."
                : $"**Untrusted real runs** (p99 dispatch lag over {o.LagLimitMs.ToString(CultureInfo.InvariantCulture)} ms; their calls are pooled anyway, read those models' numbers as indicative): {string.Join(", ", untrusted)}.");
            md.AppendLine();
            md.AppendLine("| model | metric | sim paired | real paired | abs error | rel error | target | met (paired) | sim (mean) | sim rep 0 | real rep 0 | real per run |");
            md.AppendLine("|---|---|---:|---:|---:|---:|---|---|---:|---:|---:|---|");
            foreach (var r in rows)
                md.AppendLine($"| {r.Model} | {r.Metric} | {F(r.SimPaired)} | {(r.Paired ? F(r.RealPaired) : F(r.Real))} | {(r.Paired ? F(r.AbsError) : "")} | {(r.Paired ? Pct(r.RelError) : "")} | {r.Target} | {MetText(r.Met, true)} | {F(r.Sim)} | {F(r.SimRep0)} | {F(r.Real)} | {string.Join(" / ", r.RealRuns.Select(F))} |");
        }
        File.WriteAllText(Path.Combine(outDir, ResultFiles.ComparisonMarkdown), md.ToString());
    }

    private static string LagLine(RealRun run, int? rep) =>
        string.Create(CultureInfo.InvariantCulture, $"Dispatch lag {run.Model.Label}{(rep is { } i ? $" rep {i}" : "")}: p50 {run.LagP50Ms:0.##} ms, p99 {run.LagP99Ms:0.##} ms, max {run.LagMaxMs:0.##} ms: {(run.Trusted ? "trusted" : "NOT TRUSTED (load generator fell behind)")}.");

    private static string SimulatedFeatures(Scenario s)
    {
        var parts = new List<string>();
        foreach (var r in s.Runtimes)
        {
            var f = new List<string>();
            if (r.StartContention is { } c) f.Add($"start contention {c}");
            if (r.WarmDispatch is { } w) f.Add($"warm dispatch {w.Describe()}");
            if (r.PrewarmDispatch is { } pw) f.Add($"prewarm dispatch {pw.Describe()}");
            if (f.Count > 0) parts.Add($"{r.Name}: {string.Join(", ", f)}");
        }
        return $"Simulated: at most {s.MaxParallelStarts?.ToString(CultureInfo.InvariantCulture) ?? "unlimited"} starts at once" + (parts.Count > 0 ? "; " + string.Join("; ", parts) : "") + ".";
    }
}
