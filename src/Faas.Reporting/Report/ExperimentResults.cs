using System.Globalization;
using Faas.Results;

namespace Faas.Reporting.Report;

/// <summary>
/// One results folder as the report sees it: its manifest (when present), the estimates of
/// summary_ci.csv (computed from summary.csv when that file is missing, e.g. for a real-backend
/// run), and the charts drawn into its <c>charts/</c> subfolder.
/// </summary>
public sealed class ExperimentResults
{
    /// <summary>Chart file suffixes in the order the report shows them, with their captions.</summary>
    public static readonly (string Suffix, string Caption)[] ChartKinds =
    [
        ("crossover", "Crossover map: which design has the lower mean latency, and by what factor"),
        ("start-mix", "Start mix: share of cold, prewarm and warm starts per model (error bars: 95% CI)"),
        ("latency-cdf", "Latency CDF, all calls and by start type"),
        ("tradeoff", "Trade-off: cold-start fraction against idle memory, with the Pareto front"),
        ("timeseries", "Time series: load and containers by state over time (first replication)"),
    ];

    private ExperimentResults(string folder, string name, RunManifest? manifest, IReadOnlyList<MetricEstimate> estimates, IReadOnlyList<(string Path, string Caption)> charts, string ciSource)
    {
        Folder = folder;
        Name = name;
        Manifest = manifest;
        Estimates = estimates;
        Charts = charts;
        CiSource = ciSource;
    }

    public string Folder { get; }

    /// <summary>The scenario name (manifest, else summary.csv, else the folder name).</summary>
    public string Name { get; }

    public RunManifest? Manifest { get; }

    public IReadOnlyList<MetricEstimate> Estimates { get; }

    /// <summary>PNG charts found in <c>charts/</c>, in <see cref="ChartKinds"/> order.</summary>
    public IReadOnlyList<(string Path, string Caption)> Charts { get; }

    /// <summary>The file the numbers are quoted from (summary_ci.csv, or summary.csv when it was computed).</summary>
    public string CiSource { get; }

    public IReadOnlyList<int> Claims => Manifest?.Scenario.Claims ?? [];

    public string Description => Manifest?.Scenario.Description ?? "";

    public bool IsSweep => Estimates.Any(e => e.Parameters.Count > 0);

    /// <summary>True when the run was capped (quick mode) or had a single replication: its numbers check the pipeline, not the claims.</summary>
    public bool IsQuick => Manifest?.Options.MaxDuration is not null;

    /// <summary>Model labels in the order of summary.csv.</summary>
    public IReadOnlyList<string> Models => Estimates.Select(e => e.Model).Distinct().ToList();

    /// <summary>The model (catalog) name of a label: from the manifest, else the label's first word.</summary>
    public string ModelOf(string label) =>
        Manifest?.Resolved.Models.FirstOrDefault(m => m.Label == label)?.Model ?? label.Split(' ')[0];

    /// <summary>The first label whose model is <paramref name="model"/> (e.g. <c>keep-alive</c>), or null.</summary>
    public string? LabelOf(string model) => Models.FirstOrDefault(l => ModelOf(l) == model);

    /// <summary>The estimate of <paramref name="metric"/> for <paramref name="label"/> (at sweep point <paramref name="point"/>, or the only point).</summary>
    public Estimate? Get(string label, string metric, string point = "") =>
        Estimates.FirstOrDefault(e => e.Model == label && e.Metric == metric && e.PointKey == point)?.Estimate;

    /// <summary>Loads the results folder <paramref name="folder"/> (it must hold summary.csv).</summary>
    public static ExperimentResults Load(string folder)
    {
        string summary = Path.Combine(folder, SummaryCsv.FileName);
        string ci = Path.Combine(folder, SummaryCiCsv.FileName);
        string manifestPath = Path.Combine(folder, RunManifest.FileName);
        var manifest = File.Exists(manifestPath) ? RunManifest.Load(manifestPath) : null;
        IReadOnlyList<MetricEstimate> estimates;
        string source;
        if (File.Exists(ci))
        {
            estimates = SummaryCiCsv.Read(ci);
            source = SummaryCiCsv.FileName;
        }
        else
        {
            estimates = SummaryCiCsv.FromSummary(CsvTable.Read(summary));
            source = SummaryCsv.FileName;
        }
        string name = manifest?.Scenario.Name ?? estimates.FirstOrDefault()?.Scenario ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(folder));
        var charts = new List<(string, string)>();
        string chartsDir = Path.Combine(folder, ResultFiles.ChartsFolder);
        if (Directory.Exists(chartsDir))
        {
            foreach (var (suffix, caption) in ChartKinds)
            {
                string png = Path.Combine(chartsDir, $"{name}-{suffix}.png");
                if (File.Exists(png)) charts.Add((png, caption));
            }
        }
        return new ExperimentResults(folder, name, manifest, estimates, charts, source);
    }

    /// <summary>Mean execution time of the functions, seconds (the first function group), or NaN.</summary>
    public double ExecMeanSeconds => Manifest?.Resolved.Functions.FirstOrDefault()?.ExecMeanS ?? double.NaN;

    /// <summary>
    /// Mean code-injection time of prewarm starts in ms, measured from invocations.csv when it
    /// exists (for <paramref name="label"/>), else the runtime's configured mean; NaN if neither.
    /// </summary>
    public (double Ms, string Source) MeanInitMs(string label)
    {
        string inv = Path.Combine(Folder, InvocationsCsv.FileName);
        if (File.Exists(inv))
        {
            using var reader = new StreamReader(inv);
            string? header = reader.ReadLine();
            var cols = header?.Split(',') ?? [];
            int model = Array.IndexOf(cols, InvocationsCsv.Model), start = Array.IndexOf(cols, InvocationsCsv.StartType), init = Array.IndexOf(cols, InvocationsCsv.InitMs);
            if (model >= 0 && start >= 0 && init >= 0 && !label.Contains(','))
            {
                double sum = 0;
                long n = 0;
                string? line;
                while ((line = reader.ReadLine()) is not null)
                {
                    var f = line.Split(',');
                    if (f.Length != cols.Length || f[model] != label || f[start] != StartTypes.Prewarm) continue;
                    if (double.TryParse(f[init], NumberStyles.Float, CultureInfo.InvariantCulture, out double v)) { sum += v; n++; }
                }
                if (n > 0) return (sum / n, $"{InvocationsCsv.FileName}, {n} prewarm starts");
            }
        }
        double cfg = Manifest?.Resolved.Runtimes.FirstOrDefault()?.InitMeanS ?? double.NaN;
        return (cfg * 1000, "the runtime's configured init time");
    }

    /// <summary>
    /// Share of time-series samples in which calls were waiting in the queue, for
    /// <paramref name="label"/> over all replications (timeseries.csv), or NaN without the file.
    /// </summary>
    public double QueuedShare(string label)
    {
        string ts = Path.Combine(Folder, TimeSeriesCsv.FileName);
        if (!File.Exists(ts)) return double.NaN;
        using var reader = new StreamReader(ts);
        var cols = reader.ReadLine()?.Split(',') ?? [];
        int model = Array.IndexOf(cols, TimeSeriesCsv.Model), rep = Array.IndexOf(cols, TimeSeriesCsv.Replication), time = Array.IndexOf(cols, TimeSeriesCsv.TimeS), queued = Array.IndexOf(cols, TimeSeriesCsv.Queued);
        if (model < 0 || rep < 0 || time < 0 || queued < 0 || label.Contains(',')) return double.NaN;
        var seen = new HashSet<(string, string)>();
        long samples = 0, waiting = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            var f = line.Split(',');
            if (f.Length != cols.Length || f[model] != label || !seen.Add((f[rep], f[time]))) continue; // one row per runtime: count each instant once
            samples++;
            if (f[queued] != "0") waiting++;
        }
        return samples == 0 ? double.NaN : waiting / (double)samples;
    }
}
