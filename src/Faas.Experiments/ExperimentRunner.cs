using System.Diagnostics;
using Faas.Backends.Sim;
using Faas.Platform;
using Faas.Platform.Results;
using Faas.Reporting;
using Faas.Workloads.Scenarios;

namespace Faas.Experiments;

/// <summary>
/// Runs every (model, replication) of a scenario in simulation, spread over worker threads, and
/// writes invocations.csv, timeseries.csv and summary.csv. Each run writes to its own staging
/// file; the files are then joined in plan order, so the output is byte-identical whatever the
/// number of workers. Output appears in the target folder only when every run succeeded.
/// </summary>
public static class ExperimentRunner
{
    /// <summary>The runs of <paramref name="scenario"/> selected by <paramref name="options"/>, in output order (models as listed, then replications).</summary>
    public static IReadOnlyList<RunPlanItem> Plan(Scenario scenario, ExperimentOptions options)
    {
        var models = scenario.Models.Where(m => options.Models is null || options.Models.Contains(m.Label) || options.Models.Contains(m.Model)).ToList();
        if (models.Count == 0)
            throw new ScenarioException(new SourceLocation(scenario.SourcePath, 0, 0),
                $"no model of the scenario matches {string.Join(", ", options.Models ?? [])}; it has: {string.Join(", ", scenario.Models.Select(m => m.Label))}");
        int reps = options.Replications ?? scenario.Replications;
        var plan = new List<RunPlanItem>();
        foreach (var m in models)
            for (int r = 0; r < reps; r++)
                plan.Add(new RunPlanItem(plan.Count, m, r));
        return plan;
    }

    /// <summary>Runs the plan. <paramref name="progress"/> gets (plan index, fraction done of that run).</summary>
    public static ExperimentResult Run(Scenario scenario, ExperimentOptions options, Action<int, double>? progress = null, CancellationToken cancel = default)
    {
        var sw = Stopwatch.StartNew();
        scenario = Resolve(scenario, options);
        ModelCatalog.Validate(scenario);
        var plan = Plan(scenario, options);
        Directory.CreateDirectory(options.OutDir);
        string staging = Path.Combine(options.OutDir, $".staging-{Environment.ProcessId}");
        if (Directory.Exists(staging)) Directory.Delete(staging, true);
        Directory.CreateDirectory(staging);
        try
        {
            var summaries = new RunSummary[plan.Count];
            var po = new ParallelOptions
            {
                MaxDegreeOfParallelism = options.Workers > 0 ? options.Workers : Environment.ProcessorCount,
                CancellationToken = cancel,
            };
            Parallel.ForEach(plan, po, item =>
            {
                summaries[item.Index] = RunOne(scenario, item, options, staging, f => progress?.Invoke(item.Index, f), cancel);
            });

            var files = new List<string>();
            if (options.WriteInvocations)
                files.Add(Join(staging, "inv", plan.Count, "invocations.csv", CsvRunObserver.InvocationHeader));
            if (options.WriteTimeSeries)
                files.Add(Join(staging, "ts", plan.Count, "timeseries.csv", CsvRunObserver.TimeSeriesHeader));
            string summaryPath = Path.Combine(staging, "summary.csv");
            using (var w = new StreamWriter(summaryPath)) SummaryCsv.Write(w, summaries);
            files.Add(summaryPath);

            var final = new List<string>();
            foreach (var f in files)
            {
                string dest = Path.Combine(options.OutDir, Path.GetFileName(f));
                File.Move(f, dest, overwrite: true);
                final.Add(dest);
            }
            return new ExperimentResult(scenario, summaries, final, sw.Elapsed);
        }
        finally
        {
            Directory.Delete(staging, true);
        }
    }

    /// <summary>The scenario as it will run: the duration capped by <see cref="ExperimentOptions.MaxDuration"/>.</summary>
    public static Scenario Resolve(Scenario scenario, ExperimentOptions options) =>
        options.MaxDuration is { } max && max < scenario.Duration
            ? scenario with { Duration = max, SampleInterval = Faas.Engine.SimDuration.FromMicros(Math.Min(scenario.SampleInterval.Micros, Math.Max(1_000_000, max.Micros / 200))) }
            : scenario;

    /// <summary>Runs one plan item in simulation, streaming its rows into staging files.</summary>
    public static RunSummary RunOne(Scenario scenario, RunPlanItem item, ExperimentOptions options, string staging, Action<double>? progress, CancellationToken cancel)
    {
        using var inv = options.WriteInvocations ? new StreamWriter(Path.Combine(staging, $"inv-{item.Index:D6}.part"), false, new System.Text.UTF8Encoding(false), 1 << 16) : null;
        using var ts = options.WriteTimeSeries ? new StreamWriter(Path.Combine(staging, $"ts-{item.Index:D6}.part"), false, new System.Text.UTF8Encoding(false), 1 << 16) : null;
        using var observer = new CsvRunObserver(inv, ts, scenario.Name, item.Model.Label, item.Replication,
            f => scenario.Functions[f].Name, r => scenario.Runtimes[r].Name, writeHeaders: false);
        var run = new SimulationRun(scenario, item.Model, item.Replication, inv is null && ts is null ? null : observer, options.Seed);
        return run.Run(progress, cancel);
    }

    private static string Join(string staging, string prefix, int parts, string name, string[] header)
    {
        string path = Path.Combine(staging, name);
        using var output = new FileStream(path, FileMode.Create);
        var head = System.Text.Encoding.UTF8.GetBytes(string.Join(",", header) + "\n");
        output.Write(head);
        for (int i = 0; i < parts; i++)
        {
            string part = Path.Combine(staging, $"{prefix}-{i:D6}.part");
            using (var input = File.OpenRead(part)) input.CopyTo(output);
            File.Delete(part);
        }
        return path;
    }
}
