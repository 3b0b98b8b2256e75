using System.Globalization;
using Faas.Platform.Results;

namespace Faas.Results;

/// <summary>
/// summary.csv: one row per (model, replication) run, then one <c>param_*</c> column per sweep axis.
/// The one definition of its columns: the simulator and the real replay write it with
/// <see cref="Write"/>, the charts read it with <see cref="Read"/>, and summary_ci.csv and the report
/// name its columns through these constants.
/// </summary>
public static class SummaryCsv
{
    /// <summary>File name a run writes its per-replication summary to.</summary>
    public const string FileName = ResultFiles.Summary;

    /// <summary>Prefix of sweep parameter columns, e.g. <c>param_ttl_s</c>.</summary>
    public const string ParameterPrefix = "param_";

    public const string Scenario = "scenario", Model = "model", Replication = "replication", Seed = "seed", Invocations = "invocations",
        Cold = "cold", Prewarm = "prewarm", Warm = "warm", Failed = "failed", Dropped = "dropped",
        P50Ms = "p50_ms", P95Ms = "p95_ms", P99Ms = "p99_ms", MeanMs = "mean_ms", IdleMemGbS = "idle_mem_gb_s", ContainersCreated = "containers_created",
        ColdFraction = "cold_fraction", PrewarmFraction = "prewarm_fraction", WarmFraction = "warm_fraction",
        MeanContainers = "mean_containers", MeanBusyContainers = "mean_busy_containers", MeanIdleContainers = "mean_idle_containers",
        MeanStartingContainers = "mean_starting_containers", UsedMemGbS = "used_mem_gb_s", MeanQueueMs = "mean_queue_ms", EndS = "end_s";

    /// <summary>The fixed columns in file order (sweep columns follow).</summary>
    public static readonly string[] Header =
    [
        Scenario, Model, Replication, Seed, Invocations, Cold, Prewarm, Warm, Failed, Dropped,
        P50Ms, P95Ms, P99Ms, MeanMs, IdleMemGbS, ContainersCreated,
        ColdFraction, PrewarmFraction, WarmFraction,
        MeanContainers, MeanBusyContainers, MeanIdleContainers, MeanStartingContainers,
        UsedMemGbS, MeanQueueMs, EndS,
    ];

    /// <summary>Writes the header and one row per summary, in the given order.</summary>
    /// <param name="extra">Extra leading-named columns per row (e.g. sweep parameters), appended after the fixed ones.</param>
    public static void Write(TextWriter writer, IEnumerable<RunSummary> rows, IReadOnlyList<string>? extraColumns = null, Func<RunSummary, IReadOnlyList<string>>? extra = null)
    {
        using var w = CsvFormat.Writer(writer, Header, extraColumns);
        foreach (var s in rows)
        {
            w.WriteField(s.Scenario);
            w.WriteField(s.Model);
            w.WriteField(CsvFormat.Int(s.Replication));
            w.WriteField(s.Seed.ToString(CultureInfo.InvariantCulture));
            w.WriteField(CsvFormat.Int(s.Invocations));
            w.WriteField(CsvFormat.Int(s.Cold));
            w.WriteField(CsvFormat.Int(s.Prewarm));
            w.WriteField(CsvFormat.Int(s.Warm));
            w.WriteField(CsvFormat.Int(s.Failed));
            w.WriteField(CsvFormat.Int(s.Dropped));
            w.WriteField(CsvFormat.Num(s.P50Ms, 3));
            w.WriteField(CsvFormat.Num(s.P95Ms, 3));
            w.WriteField(CsvFormat.Num(s.P99Ms, 3));
            w.WriteField(CsvFormat.Num(s.MeanMs, 3));
            w.WriteField(CsvFormat.Num(s.IdleMemGbS, 6));
            w.WriteField(CsvFormat.Int(s.ContainersCreated));
            w.WriteField(CsvFormat.Num(s.ColdFraction, 6));
            w.WriteField(CsvFormat.Num(s.PrewarmFraction, 6));
            w.WriteField(CsvFormat.Num(s.WarmFraction, 6));
            w.WriteField(CsvFormat.Num(s.MeanContainers, 6));
            w.WriteField(CsvFormat.Num(s.MeanBusyContainers, 6));
            w.WriteField(CsvFormat.Num(s.MeanIdleContainers, 6));
            w.WriteField(CsvFormat.Num(s.MeanStartingContainers, 6));
            w.WriteField(CsvFormat.Num(s.UsedMemGbS, 6));
            w.WriteField(CsvFormat.Num(s.MeanQueueMs, 3));
            w.WriteField(CsvFormat.Num(s.EndSeconds, 6));
            if (extra is not null) foreach (var v in extra(s)) w.WriteField(v);
            w.NextRecord();
        }
    }

    private static readonly HashSet<string> TextColumns = new(StringComparer.Ordinal) { Scenario, Model };

    /// <summary>Documented numeric columns: a non-numeric value in any of them is an error.</summary>
    private static readonly HashSet<string> KnownNumeric = new(StringComparer.Ordinal)
    {
        Replication, Seed, Invocations, Cold, Prewarm, Warm, Failed, Dropped,
        P50Ms, P95Ms, P99Ms, MeanMs, IdleMemGbS, ContainersCreated,
        ColdFraction, MeanContainers, MeanBusyContainers, MeanIdleContainers,
    };

    /// <summary>
    /// Reads every row of <paramref name="path"/>, in file order. Columns are found by header
    /// name; unknown columns are kept in <see cref="SummaryRow.Values"/> when numeric.
    /// Required columns: scenario, model, replication, cold, prewarm, warm, mean_ms,
    /// idle_mem_gb_s, cold_fraction.
    /// </summary>
    /// <exception cref="ResultsFormatException">
    /// The file is missing, lacks a required column, or a row has a wrong field count, an empty
    /// model, or a non-numeric value in a numeric column.
    /// </exception>
    public static IReadOnlyList<SummaryRow> Read(string path)
    {
        using var csv = CsvRowReader.Open(path);
        int scenario = csv.Require(Scenario);
        int model = csv.Require(Model);
        int replication = csv.Require(Replication);
        int cold = csv.Require(Cold);
        int prewarm = csv.Require(Prewarm);
        int warm = csv.Require(Warm);
        int mean = csv.Require(MeanMs);
        int idle = csv.Require(IdleMemGbS);
        int coldFraction = csv.Require(ColdFraction);

        // Unknown non-numeric columns (a note, a hash) must not fail the file: only the documented
        // numeric columns and param_* columns are strict; other extras are kept when they parse.
        var strict = new HashSet<int> { replication, cold, prewarm, warm, mean, idle, coldFraction };
        var numericColumns = new List<int>();
        for (int i = 0; i < csv.Header.Count; i++)
        {
            if (!TextColumns.Contains(csv.Header[i]))
            {
                numericColumns.Add(i);
                if (KnownNumeric.Contains(csv.Header[i])
                    || csv.Header[i].StartsWith(ParameterPrefix, StringComparison.Ordinal))
                {
                    strict.Add(i);
                }
            }
        }

        var rows = new List<SummaryRow>();
        while (csv.Read())
        {
            string modelName = csv.Text(model);
            if (modelName.Length == 0)
            {
                throw new ResultsFormatException(csv.Path, csv.Row, "column 'model': expected a model label, found an empty field");
            }

            var values = new Dictionary<string, double>(numericColumns.Count, StringComparer.Ordinal);
            var parameters = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (int i in numericColumns)
            {
                double v;
                if (strict.Contains(i))
                {
                    v = csv.Double(i);
                }
                else if (!double.TryParse(csv.Text(i), NumberStyles.Float,
                             CultureInfo.InvariantCulture, out v))
                {
                    continue;
                }

                values[csv.Header[i]] = v;
                if (csv.Header[i].StartsWith(ParameterPrefix, StringComparison.Ordinal))
                {
                    parameters[csv.Header[i][ParameterPrefix.Length..]] = v;
                }
            }

            long rep = csv.Integer(replication);
            if (rep < 0 || rep > int.MaxValue)
            {
                throw csv.Bad(replication, csv.Text(replication), "a non-negative integer");
            }

            rows.Add(new SummaryRow
            {
                Scenario = csv.Text(scenario),
                Model = modelName,
                Replication = (int)rep,
                Cold = NonNegative(csv, cold),
                Prewarm = NonNegative(csv, prewarm),
                Warm = NonNegative(csv, warm),
                MeanMs = csv.Double(mean),
                IdleMemGbS = csv.Double(idle),
                ColdFraction = csv.Double(coldFraction),
                Values = values,
                Parameters = parameters,
            });
        }

        return rows;
    }

    private static double NonNegative(CsvRowReader csv, int index)
    {
        double v = csv.RequiredDouble(index);
        return v >= 0 ? v : throw csv.Bad(index, csv.Text(index), "a non-negative count");
    }
}
