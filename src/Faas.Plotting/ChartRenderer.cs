using Faas.Results;

namespace Faas.Plotting;

/// <summary>
/// Entry point of the charting layer. Reads only the CSV files a run writes (summary.csv,
/// and invocations.csv and timeseries.csv when present), so it draws simulator and
/// real-backend runs alike, and writes PNG and SVG charts per scenario.
/// </summary>
public static class ChartRenderer
{
    /// <summary>
    /// Renders every chart of every scenario found under <paramref name="resultsDir"/> into
    /// <paramref name="chartsDir"/> (created if needed) as <c>&lt;scenario&gt;-&lt;chart&gt;.png</c> and
    /// <c>.svg</c>, and returns the paths written, PNG before SVG, in scenario then chart order.
    /// All input is read and checked before the first file is written.
    /// </summary>
    /// <exception cref="ResultsFormatException">No summary.csv is found, or a CSV is malformed (the message names file and row).</exception>
    public static IReadOnlyList<string> RenderAll(string resultsDir, string chartsDir) => RenderAll(resultsDir, chartsDir, ChartOptions.Default);

    /// <summary>As <see cref="RenderAll(string, string)"/>, with inputs the CSVs do not hold (reference lines).</summary>
    public static IReadOnlyList<string> RenderAll(string resultsDir, string chartsDir, ChartOptions options)
    {
        var charts = BuildCharts(resultsDir, options);
        Directory.CreateDirectory(chartsDir);
        var written = new List<string>(charts.Count * 2);
        foreach (var chart in charts)
        {
            written.AddRange(chart.Figure.Save(Path.Combine(chartsDir, chart.FileStem)));
        }

        return written;
    }

    /// <summary>
    /// Reads the results under <paramref name="resultsDir"/> and builds (without writing) the
    /// charts of each scenario: start mix and trade-off always; latency CDF when
    /// invocations.csv exists; time series when timeseries.csv exists; crossover when the
    /// summary has <c>param_mean_interval_s</c> and <c>param_functions</c> and both
    /// keep-alive and prewarm-pool models. <paramref name="resultsDir"/> is either one run's
    /// folder (holding summary.csv) or a folder of such folders, one per run.
    /// </summary>
    /// <exception cref="ResultsFormatException">No summary.csv is found, or a CSV is malformed.</exception>
    public static IReadOnlyList<ScenarioChart> BuildCharts(string resultsDir) => BuildCharts(resultsDir, ChartOptions.Default);

    /// <summary>As <see cref="BuildCharts(string)"/>, with inputs the CSVs do not hold (reference lines).</summary>
    public static IReadOnlyList<ScenarioChart> BuildCharts(string resultsDir, ChartOptions options)
    {
        var runs = FindRunFolders(resultsDir)
            .Select(dir => (
                Summary: SummaryCsv.Read(Path.Combine(dir, SummaryCsv.FileName)),
                Curves: File.Exists(Path.Combine(dir, InvocationsCsv.FileName))
                    ? InvocationsCsv.ReadLatencyCurves(Path.Combine(dir, InvocationsCsv.FileName))
                    : [],
                Traces: File.Exists(Path.Combine(dir, TimeSeriesCsv.FileName))
                    ? TimeSeriesCsv.Read(Path.Combine(dir, TimeSeriesCsv.FileName))
                    : []))
            .ToList();

        var charts = new List<ScenarioChart>();
        foreach (var run in runs)
        {
            var scenarios = run.Summary.Select(r => r.Scenario)
                .Concat(run.Curves.Select(c => c.Scenario))
                .Concat(run.Traces.Select(t => t.Scenario))
                .Distinct(StringComparer.Ordinal);
            foreach (string scenario in scenarios)
            {
                charts.AddRange(BuildScenario(scenario,
                    run.Summary.Where(r => r.Scenario == scenario).ToList(),
                    run.Curves.Where(c => c.Scenario == scenario).ToList(),
                    run.Traces.Where(t => t.Scenario == scenario).ToList(), options));
            }
        }

        return charts;
    }

    /// <summary>
    /// Most model entries (labels, or label and sweep setting) drawn in the start-mix and
    /// trade-off charts; a sweep with more gets neither.
    /// </summary>
    public const int MaxModelsPerChart = 24;

    /// <summary>
    /// Builds the charts of one scenario from its already-read data; empty inputs skip their
    /// charts. In the start-mix and trade-off charts a model label that the summary holds for
    /// several sweep settings is split into one entry per setting (at most
    /// <see cref="MaxModelsPerChart"/> entries, else those two charts are skipped).
    /// </summary>
    public static IReadOnlyList<ScenarioChart> BuildScenario(
        string scenario, IReadOnlyList<SummaryRow> summary, IReadOnlyList<LatencyCurve> curves, IReadOnlyList<TimeSeriesTrace> traces,
        ChartOptions? options = null)
    {
        var perPoint = SweepPoints.Split(summary);
        var palette = new ModelPalette(summary.Select(r => r.Model)
            .Concat(perPoint.Select(r => r.Model))
            .Concat(curves.Select(c => c.Model))
            .Concat(traces.Select(t => t.Model)));
        string stem = SafeFileName(scenario);
        var charts = new List<ScenarioChart>();
        if (curves.Count > 0)
        {
            charts.Add(new(scenario, ChartKind.LatencyCdf, stem + "-latency-cdf", LatencyCdfChart.Build(scenario, curves, palette)));
        }

        // A big sweep would give one bar per (model, point): unreadable; its crossover map says more.
        if (summary.Count > 0 && perPoint.Select(r => r.Model).Distinct().Count() <= MaxModelsPerChart)
        {
            charts.Add(new(scenario, ChartKind.StartMix, stem + "-start-mix", StartMixChart.Build(scenario, perPoint, palette)));
            charts.Add(new(scenario, ChartKind.Tradeoff, stem + "-tradeoff", TradeoffChart.Build(scenario, perPoint, palette)));
        }

        if (traces.Count > 0)
        {
            charts.Add(new(scenario, ChartKind.TimeSeries, stem + "-timeseries", TimeSeriesChart.Build(scenario, traces, palette)));
        }

        if (CrossoverHeatmapChart.CanBuild(summary, CrossoverHeatmapChart.DefaultXParameter, CrossoverHeatmapChart.DefaultYParameter,
                CrossoverHeatmapChart.DefaultModelA, CrossoverHeatmapChart.DefaultModelB))
        {
            charts.Add(new(scenario, ChartKind.Crossover, stem + "-crossover", CrossoverHeatmapChart.Build(scenario, summary,
                CrossoverHeatmapChart.DefaultXParameter, CrossoverHeatmapChart.DefaultYParameter, CrossoverHeatmapChart.DefaultMetric,
                CrossoverHeatmapChart.DefaultModelA, CrossoverHeatmapChart.DefaultModelB, options?.Crossover)));
        }

        return charts;
    }

    /// <summary>
    /// <paramref name="resultsDir"/> itself when it holds summary.csv, else its immediate
    /// subfolders that do (sorted by name).
    /// </summary>
    /// <exception cref="ResultsFormatException">Neither holds a summary.csv.</exception>
    private static IReadOnlyList<string> FindRunFolders(string resultsDir)
    {
        var folders = ResultFolders.Find(resultsDir);
        return folders.Count > 0
            ? folders
            : throw new ResultsFormatException(Path.Combine(resultsDir, SummaryCsv.FileName), null,
                "file not found (the results folder, or each of its run subfolders, must hold summary.csv)");
    }

    /// <summary>The scenario name with characters that are unsafe in file names replaced by '_'.</summary>
    private static string SafeFileName(string scenario)
    {
        var invalid = Path.GetInvalidFileNameChars().Concat(['\\', '/', ':', '*', '?', '"', '<', '>', '|', ' ']).ToHashSet();
        string safe = new(scenario.Select(c => invalid.Contains(c) ? '_' : c).ToArray());
        return safe.Length > 0 ? safe : "scenario";
    }
}
