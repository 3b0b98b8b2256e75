using System.Globalization;
using System.Text;
using Faas.Backends.Docker.Engine;
using Faas.Experiments;
using Faas.Platform.Results;
using Faas.Plotting;
using Faas.Workloads.Scenarios;

namespace Faas.Cli.Fidelity;

/// <summary>One compared metric of one model: simulation (mean over replications) vs the real run.</summary>
public sealed record FidelityRow(string Model, string Metric, double Sim, double Real, string Target, bool? Met)
{
    /// <summary>The simulated value of replication 0 alone: the same calls as the real run (no sampling noise between them).</summary>
    public double SimRep0 { get; init; } = double.NaN;

    public double AbsError => Real - Sim;
    public double RelError => Sim == 0 ? (Real == 0 ? 0 : double.PositiveInfinity) : (Real - Sim) / Sim;
}

/// <summary>
/// <c>validate-real</c>: runs a (calibrated) scenario in simulation and for real with the same
/// workload, and compares per model start-type fractions, p50/p95/p99 latency, idle memory-time and
/// containers created (comparison.csv, comparison.md) with overlaid latency CDFs (latency-cdf.png/svg).
/// Targets: start-type fractions within ±3 percentage points, p50 within 10 %, p99 within 20 %.
/// The simulation models the real driver's start gate: unless the scenario sets
/// <c>max_parallel_starts</c>, it is simulated with the replay's <c>--max-parallel-starts</c>.
/// </summary>
public static class Validator
{
    public static async Task<IReadOnlyList<FidelityRow>> RunAsync(Scenario s, int replications, ReplayOptions o, string outDir, IReadOnlyList<string>? models, IContainerEngine? engine, TextWriter log, CancellationToken cancel)
    {
        Directory.CreateDirectory(outDir);
        var plan = Workload.Plan(s, 0);
        ReplayRunner.CheckFits(s, plan, o); // refuse before simulating
        var simOptions = new ExperimentOptions(Path.Combine(outDir, "sim"), models is { Count: > 0 } ? models : null, null, replications, true, false);
        var simScenario = SimulatedAs(s, o, log);
        log.WriteLine($"validate-real {s.Name}: simulating {replications} replication(s) per model (at most {simScenario.MaxParallelStarts} starts at once)");
        var sim = ExperimentRunner.Run(simScenario, simOptions, cancel: cancel);
        var real = await ReplayRunner.RunAllAsync(s, o, Path.Combine(outDir, "real"), models, engine, log, cancel).ConfigureAwait(false);

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
        Write(outDir, simScenario, replications, rows, real);
        Chart(outDir, s, real);
        return rows;
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

    private static void Write(string outDir, Scenario s, int reps, List<FidelityRow> rows, IReadOnlyList<RealRun> real)
    {
        var csv = new StringBuilder("scenario,model,metric,sim,sim_rep0,real,abs_error,rel_error,target,met\n");
        foreach (var r in rows)
            csv.Append($"{s.Name},{r.Model},{r.Metric},{F(r.Sim)},{F(r.SimRep0)},{F(r.Real)},{F(r.AbsError)},{F(r.RelError)},{r.Target},{(r.Met is null ? "" : r.Met.Value ? "yes" : "no")}\n");
        File.WriteAllText(Path.Combine(outDir, "comparison.csv"), csv.ToString());
        var md = new StringBuilder();
        md.AppendLine($"# {s.Name}: simulation ({reps} replications, mean) vs real (Docker)");
        md.AppendLine();
        md.AppendLine($"Calibration: {s.CalibrationPath ?? "(none: the scenario's own cold_start/init)"}. {SimulatedFeatures(s)} Real latency = measured total (arrival to result); simulated latency = queue + startup + init + exec. Errors and targets are against the mean of the replications; replication 0 has exactly the real run's calls.");
        foreach (var run in real)
            md.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Dispatch lag {run.Model.Label}: p50 {run.LagP50Ms:0.##} ms, p99 {run.LagP99Ms:0.##} ms, max {run.LagMaxMs:0.##} ms: {(run.Trusted ? "trusted" : "NOT TRUSTED (load generator fell behind)")}."));
        md.AppendLine();
        md.AppendLine("| model | metric | sim (mean) | sim rep 0 (same calls) | real | abs error | rel error | target | met |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|---|---|");
        foreach (var r in rows)
            md.AppendLine($"| {r.Model} | {r.Metric} | {F(r.Sim)} | {F(r.SimRep0)} | {F(r.Real)} | {F(r.AbsError)} | {(double.IsNaN(r.RelError) ? "" : (r.RelError * 100).ToString("+0.0;-0.0", CultureInfo.InvariantCulture) + "%")} | {r.Target} | {(r.Met is null ? "" : r.Met.Value ? "yes" : "**no**")} |");
        File.WriteAllText(Path.Combine(outDir, "comparison.md"), md.ToString());
    }

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

    private static void Chart(string outDir, Scenario s, IReadOnlyList<RealRun> real)
    {
        var curves = new List<LatencyCurve>();
        foreach (var c in InvocationsCsv.ReadLatencyCurves(Path.Combine(outDir, "sim", "invocations.csv")))
            curves.Add(c with { Model = c.Model + " (sim)" });
        foreach (var run in real)
        {
            var ok = run.Calls.Where(c => c.Result.Ok).ToList();
            curves.Add(Curve(s.Name, run.Model.Label + " (real)", StartTypes.All, ok.Select(c => c.Result.Timings.TotalMs)));
            foreach (var st in StartTypes.Ordered)
                curves.Add(Curve(s.Name, run.Model.Label + " (real)", st, ok.Where(c => c.Result.StartType?.ToString().ToLowerInvariant() == st).Select(c => c.Result.Timings.TotalMs)));
        }
        var labels = real.SelectMany(r => new[] { r.Model.Label + " (sim)", r.Model.Label + " (real)" }).ToList();
        LatencyCdfChart.Build(s.Name + ": sim vs real", curves, new ModelPalette(labels)).Save(Path.Combine(outDir, "latency-cdf"));
    }

    private static LatencyCurve Curve(string scenario, string model, string start, IEnumerable<double> values)
    {
        var v = values.Select(x => Math.Max(x, InvocationsCsv.MinPlottableLatencyMs)).OrderBy(x => x).ToArray();
        var xs = new List<double>();
        var ys = new List<double>();
        int step = Math.Max(1, v.Length / 2000);
        for (int i = 0; i < v.Length; i += step)
        {
            xs.Add(v[i]);
            ys.Add((i + 1) / (double)v.Length);
        }
        if (v.Length > 0 && xs[^1] != v[^1]) { xs.Add(v[^1]); ys.Add(1); }
        else if (v.Length > 0) ys[^1] = 1;
        return new LatencyCurve(scenario, model, start, v.Length, xs, ys);
    }
}
