using System.Globalization;

namespace Faas.Results;

/// <summary>
/// summary_ci.csv: per scenario, model and sweep point, every numeric metric of summary.csv
/// as mean, standard deviation and 95% confidence interval over the replications (tidy: one row
/// per metric; bounds cut to the metric's range, see <see cref="Clip"/>). It is computed from the text of summary.csv, not from in-memory results, so the
/// same numbers come out for simulator and real-backend runs, and the report quotes exactly
/// what this file holds.
/// </summary>
public static class SummaryCiCsv
{
    public const string FileName = ResultFiles.SummaryCi;

    /// <summary>Columns after the group key (scenario, model, param_*).</summary>
    public static readonly string[] ValueHeader = ["metric", "n", "mean", "sd", "ci95_low", "ci95_high"];

    /// <summary>summary.csv columns that identify a run rather than measure it.</summary>
    private static readonly HashSet<string> NotMetrics = new(StringComparer.Ordinal) { SummaryCsv.Scenario, SummaryCsv.Model, SummaryCsv.Replication, SummaryCsv.Seed };

    private const string ParamPrefix = SummaryCsv.ParameterPrefix;

    /// <summary>
    /// Groups the rows of summary.csv by (scenario, model, param_* values) in order of first
    /// appearance and estimates every metric column (in file order) of each group. Empty cells
    /// (e.g. a latency percentile of a run without completed calls) are left out of the estimate.
    /// </summary>
    public static IReadOnlyList<MetricEstimate> FromSummary(CsvTable summary)
    {
        int scenario = summary.Require(SummaryCsv.Scenario);
        int model = summary.Require(SummaryCsv.Model);
        var paramCols = summary.Header.Select((h, i) => (h, i)).Where(x => x.h.StartsWith(ParamPrefix, StringComparison.Ordinal)).ToList();
        var metricCols = summary.Header.Select((h, i) => (h, i)).Where(x => !NotMetrics.Contains(x.h) && !x.h.StartsWith(ParamPrefix, StringComparison.Ordinal)).ToList();
        var groups = new List<(string Scenario, string Model, List<KeyValuePair<string, string>> Params, List<string[]> Rows)>();
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in summary.Rows)
        {
            var ps = paramCols.Select(p => new KeyValuePair<string, string>(p.h, row[p.i])).ToList();
            string key = row[scenario] + "\u0001" + row[model] + "\u0001" + string.Join("\u0001", ps.Select(p => p.Value));
            if (!byKey.TryGetValue(key, out int g))
            {
                byKey[key] = g = groups.Count;
                groups.Add((row[scenario], row[model], ps, []));
            }
            groups[g].Rows.Add(row);
        }

        var result = new List<MetricEstimate>();
        foreach (var g in groups)
        {
            foreach (var (name, i) in metricCols)
            {
                // A column with text in it (a note, a hash) is not a metric.
                var cells = g.Rows.Select(r => r[i]).Where(c => c.Length > 0).ToList();
                var values = new List<double>(cells.Count);
                foreach (var c in cells)
                    if (double.TryParse(c, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)) values.Add(v);
                if (values.Count == cells.Count)
                    result.Add(new MetricEstimate(g.Scenario, g.Model, g.Params, name, Clip(name, ConfidenceInterval.Of(values))));
            }
        }
        return result;
    }

    /// <summary>
    /// Every summary metric is a count, a time, a memory-time or a fraction: the interval is cut
    /// to where the metric can lie (at least 0; at most 1 for <c>*_fraction</c>). A t-interval over
    /// few replications of a skewed metric can otherwise reach below zero.
    /// </summary>
    public static Estimate Clip(string metric, Estimate e)
    {
        if (!e.HasInterval) return e;
        double hi = metric.EndsWith("_fraction", StringComparison.Ordinal) ? Math.Min(1, e.High) : e.High;
        return e with { Low = Math.Max(0, e.Low), High = hi };
    }

    /// <summary>Reads summary.csv at <paramref name="summaryPath"/> and writes summary_ci.csv to <paramref name="outPath"/>.</summary>
    public static IReadOnlyList<MetricEstimate> WriteFromSummary(string summaryPath, string outPath)
    {
        var table = CsvTable.Read(summaryPath);
        var rows = FromSummary(table);
        var paramCols = table.Header.Where(h => h.StartsWith(ParamPrefix, StringComparison.Ordinal)).ToList();
        using var w = new StreamWriter(outPath, false, new System.Text.UTF8Encoding(false));
        Write(w, rows, paramCols);
        return rows;
    }

    /// <summary>Writes the header and one row per estimate; numbers with 6 decimals, no interval as empty cells.</summary>
    public static void Write(TextWriter writer, IReadOnlyList<MetricEstimate> rows, IReadOnlyList<string> paramColumns)
    {
        using var w = CsvFormat.Writer(writer);
        w.WriteField("scenario");
        w.WriteField("model");
        foreach (var p in paramColumns) w.WriteField(p);
        foreach (var h in ValueHeader) w.WriteField(h);
        w.NextRecord();
        foreach (var r in rows)
        {
            w.WriteField(r.Scenario);
            w.WriteField(r.Model);
            foreach (var p in paramColumns) w.WriteField(r.Parameters.FirstOrDefault(x => x.Key == p).Value ?? "");
            w.WriteField(r.Metric);
            w.WriteField(CsvFormat.Int(r.Estimate.N));
            w.WriteField(CsvFormat.Num(r.Estimate.Mean, 6));
            w.WriteField(CsvFormat.Num(r.Estimate.StdDev, 6));
            w.WriteField(CsvFormat.Num(r.Estimate.Low, 6));
            w.WriteField(CsvFormat.Num(r.Estimate.High, 6));
            w.NextRecord();
        }
    }

    /// <summary>Reads a summary_ci.csv back (as the report does: it quotes these numbers, not recomputed ones).</summary>
    public static IReadOnlyList<MetricEstimate> Read(string path)
    {
        var t = CsvTable.Read(path);
        int scenario = t.Require("scenario"), model = t.Require("model"), metric = t.Require("metric"), n = t.Require("n"),
            mean = t.Require("mean"), sd = t.Require("sd"), lo = t.Require("ci95_low"), hi = t.Require("ci95_high");
        var paramCols = t.Header.Select((h, i) => (h, i)).Where(x => x.h.StartsWith(ParamPrefix, StringComparison.Ordinal)).ToList();
        var result = new List<MetricEstimate>(t.Rows.Count);
        int rowNo = 1;
        foreach (var row in t.Rows)
        {
            rowNo++;
            double D(int i)
            {
                if (row[i].Length == 0) return double.NaN;
                return double.TryParse(row[i], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v
                    : throw new ResultsFormatException(path, rowNo, $"column '{t.Header[i]}': expected a number, got '{row[i]}'");
            }
            if (!int.TryParse(row[n], NumberStyles.Integer, CultureInfo.InvariantCulture, out int count))
                throw new ResultsFormatException(path, rowNo, $"column 'n': expected a whole number, got '{row[n]}'");
            result.Add(new MetricEstimate(row[scenario], row[model],
                paramCols.Select(p => new KeyValuePair<string, string>(p.h, row[p.i])).ToList(),
                row[metric], new Estimate(D(mean), D(sd), D(lo), D(hi), count)));
        }
        return result;
    }
}
