using System.Diagnostics;
using Faas.Backends.Sim;
using Faas.Platform.Results;
using Faas.Results;
using Faas.Scenarios;
using Faas.Workloads;

namespace Faas.Experiments;

/// <summary>
/// Runs every (sweep point, model, replication) of an experiment in simulation, spread over
/// worker threads, and writes invocations.csv, timeseries.csv, summary.csv, summary_ci.csv, nodes.csv (multi-node clusters) and
/// manifest.json. Each run writes to its own staging file; the files are then joined in plan
/// order, so the output is byte-identical whatever the number of workers. Output appears in the
/// target folder only when every run succeeded.
/// <para>
/// A sweep writes summary.csv (with one <c>param_*</c> column per axis) and summary_ci.csv but
/// not invocations.csv or timeseries.csv: their rows carry no sweep parameters, so rows of
/// different points could not be told apart.
/// </para>
/// </summary>
public static class ExperimentRunner
{
    /// <summary>The runs of <paramref name="scenario"/> selected by <paramref name="options"/>, in output order (models as listed, then replications).</summary>
    public static IReadOnlyList<RunPlanItem> Plan(Scenario scenario, ExperimentOptions options) =>
        Plan(Experiment.Single(scenario), options);

    /// <summary>The runs of <paramref name="experiment"/> in output order: sweep points in grid order, then models as listed, then replications.</summary>
    public static IReadOnlyList<RunPlanItem> Plan(Experiment experiment, ExperimentOptions options)
    {
        var scenario = experiment.Scenario;
        var models = scenario.Models.Where(m => Selected(m, options)).ToList();
        if (models.Count == 0)
            throw new ScenarioException(new SourceLocation(scenario.SourcePath, 0, 0),
                $"no model of the scenario matches {string.Join(", ", options.Models ?? [])}; it has: {string.Join(", ", scenario.Models.Select(m => m.Label))}");
        int reps = options.Replications ?? scenario.Replications;
        var plan = new List<RunPlanItem>();
        foreach (var point in experiment.Points)
            foreach (var m in point.Scenario.Models.Where(m => Selected(m, options)))
                for (int r = 0; r < reps; r++)
                    plan.Add(new RunPlanItem(plan.Count, m, r, point.Index));
        return plan;
    }

    private static bool Selected(ModelSpec m, ExperimentOptions options) =>
        options.Models is null || options.Models.Contains(m.Label) || options.Models.Contains(m.Model);

    /// <summary>Runs a scenario without sweep or claim (see <see cref="Run(Experiment, ExperimentOptions, Action{int, double}?, CancellationToken)"/>).</summary>
    public static ExperimentResult Run(Scenario scenario, ExperimentOptions options, Action<int, double>? progress = null, CancellationToken cancel = default) =>
        Run(Experiment.Single(scenario, File.Exists(scenario.SourcePath) ? File.ReadAllText(scenario.SourcePath) : ""), options, progress, cancel);

    /// <summary>Runs the plan. <paramref name="progress"/> gets (plan index, fraction done of that run).</summary>
    public static ExperimentResult Run(Experiment experiment, ExperimentOptions options, Action<int, double>? progress = null, CancellationToken cancel = default)
    {
        var started = DateTimeOffset.UtcNow;
        var sw = Stopwatch.StartNew();
        experiment = Resolve(experiment, options);
        foreach (var p in experiment.Points) p.Scenario.ValidateModels();
        var plan = Plan(experiment, options);
        bool writeInvocations = options.WriteInvocations && !experiment.IsSweep;
        bool writeTimeSeries = options.WriteTimeSeries && !experiment.IsSweep;
        var runOptions = options with { WriteInvocations = writeInvocations, WriteTimeSeries = writeTimeSeries };
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
                var scenario = experiment.Points[item.Point].Scenario;
                summaries[item.Index] = RunOne(scenario, item, runOptions, staging, f => progress?.Invoke(item.Index, f), cancel);
            });

            return Complete(experiment, options, runOptions, plan, plan, summaries, staging, (prefix, i) => Path.Combine(staging, $"{prefix}-{i:D6}.part"), started, sw);
        }
        finally
        {
            Directory.Delete(staging, true);
        }
    }

    /// <summary>
    /// Joins finished runs into the output folder: invocations.csv and timeseries.csv from the
    /// per-run part files (in plan order), summary.csv, summary_ci.csv and manifest.json, staged in
    /// <paramref name="staging"/> and then moved into <see cref="ExperimentOptions.OutDir"/>. Shared by a
    /// local run and the merge of shards, so both write the same bytes.
    /// </summary>
    /// <param name="plan">The whole plan (recorded in the manifest).</param>
    /// <param name="included">The runs to write, in plan order (all of <paramref name="plan"/> except for a partial merge).</param>
    /// <param name="summaries">Summaries indexed by plan index (entries outside <paramref name="included"/> are ignored).</param>
    /// <param name="partPath">Path of the part file of (prefix "inv" or "ts", plan index); parts inside <paramref name="staging"/> are deleted once joined.</param>
    public static ExperimentResult Complete(Experiment experiment, ExperimentOptions options, ExperimentOptions runOptions, IReadOnlyList<RunPlanItem> plan,
        IReadOnlyList<RunPlanItem> included, IReadOnlyList<RunSummary> summaries, string staging, Func<string, int, string> partPath,
        DateTimeOffset started, Stopwatch sw, Action<RunManifest>? amendManifest = null)
    {
        bool writeInvocations = runOptions.WriteInvocations;
        bool writeTimeSeries = runOptions.WriteTimeSeries;
        var kept = included.Select(p => summaries[p.Index]).ToList();
        var files = new List<string>();
        if (writeInvocations)
            files.Add(Join(staging, "inv", included, partPath, InvocationsCsv.FileName, InvocationsCsv.Header));
        if (writeTimeSeries)
            files.Add(Join(staging, "ts", included, partPath, TimeSeriesCsv.FileName, TimeSeriesCsv.Header));
        string summaryPath = Path.Combine(staging, SummaryCsv.FileName);
        using (var w = new StreamWriter(summaryPath, false, new System.Text.UTF8Encoding(false)))
        {
            var pointOf = new Dictionary<RunSummary, SweepPoint>(ReferenceEqualityComparer.Instance);
            foreach (var p in included) pointOf[summaries[p.Index]] = experiment.Points[p.Point];
            SummaryCsv.Write(w, kept, experiment.ParameterColumns,
                s => pointOf[s].Settings.Select(x => CsvFormat.Num(x.Value, 6)).ToList());
        }
        files.Add(summaryPath);
        if (NodesCsv.Applies(kept))
        {
            string nodesPath = Path.Combine(staging, NodesCsv.FileName);
            using (var w = new StreamWriter(nodesPath, false, new System.Text.UTF8Encoding(false)))
            {
                var pointOf = new Dictionary<RunSummary, SweepPoint>(ReferenceEqualityComparer.Instance);
                foreach (var p in included) pointOf[summaries[p.Index]] = experiment.Points[p.Point];
                NodesCsv.Write(w, kept, experiment.ParameterColumns, s => pointOf[s].Settings.Select(x => CsvFormat.Num(x.Value, 6)).ToList());
            }
            files.Add(nodesPath);
        }
        else DeleteStale(options.OutDir, NodesCsv.FileName);
        string ciPath = Path.Combine(staging, SummaryCiCsv.FileName);
        SummaryCiCsv.WriteFromSummary(summaryPath, ciPath);
        files.Add(ciPath);

        var manifest = ManifestBuilder.Build(experiment, options, runOptions, plan, files, started, DateTimeOffset.UtcNow, sw.Elapsed);
        amendManifest?.Invoke(manifest);
        string manifestPath = Path.Combine(staging, RunManifest.FileName);
        manifest.Save(manifestPath);
        files.Add(manifestPath);

        var final = new List<string>();
        foreach (var f in files)
        {
            string dest = Path.Combine(options.OutDir, Path.GetFileName(f));
            File.Move(f, dest, overwrite: true);
            final.Add(dest);
        }
        // A sweep replaces a folder that may hold per-call files of an earlier non-sweep run.
        if (!writeInvocations) DeleteStale(options.OutDir, InvocationsCsv.FileName);
        if (!writeTimeSeries) DeleteStale(options.OutDir, TimeSeriesCsv.FileName);
        return new ExperimentResult(experiment.Scenario, kept, final, sw.Elapsed)
        {
            Experiment = experiment,
            Plan = included,
            Manifest = manifest,
        };
    }

    private static void DeleteStale(string dir, string name)
    {
        string path = Path.Combine(dir, name);
        if (File.Exists(path)) File.Delete(path);
    }

    /// <summary>The scenario as it will run: the duration capped by <see cref="ExperimentOptions.MaxDuration"/>.</summary>
    public static Scenario Resolve(Scenario scenario, ExperimentOptions options) =>
        options.MaxDuration is { } max && max < scenario.Duration
            ? scenario with { Duration = max, SampleInterval = Faas.Engine.SimDuration.FromMicros(Math.Min(scenario.SampleInterval.Micros, Math.Max(1_000_000, max.Micros / 200))) }
            : scenario;

    /// <summary>The experiment as it will run: every point's scenario resolved by <see cref="Resolve(Scenario, ExperimentOptions)"/>.</summary>
    public static Experiment Resolve(Experiment experiment, ExperimentOptions options) => experiment with
    {
        Scenario = Resolve(experiment.Scenario, options),
        Points = experiment.Points.Select(p => p with { Scenario = Resolve(p.Scenario, options) }).ToList(),
    };

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

    private static string Join(string staging, string prefix, IReadOnlyList<RunPlanItem> included, Func<string, int, string> partPath, string name, string[] header)
    {
        string path = Path.Combine(staging, name);
        using var output = new FileStream(path, FileMode.Create);
        var head = System.Text.Encoding.UTF8.GetBytes(string.Join(",", header) + "\n");
        output.Write(head);
        string stagingFull = Path.GetFullPath(staging) + Path.DirectorySeparatorChar;
        foreach (var item in included)
        {
            string part = partPath(prefix, item.Index);
            using (var input = File.OpenRead(part)) input.CopyTo(output);
            if (Path.GetFullPath(part).StartsWith(stagingFull, StringComparison.Ordinal)) File.Delete(part);
        }
        return path;
    }
}
