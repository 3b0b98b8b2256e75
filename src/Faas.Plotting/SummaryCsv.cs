namespace Faas.Plotting;

/// <summary>Reads <c>summary.csv</c> (one row per model and replication) into <see cref="SummaryRow"/>s.</summary>
public static class SummaryCsv
{
    /// <summary>File name a run writes its per-replication summary to.</summary>
    public const string FileName = "summary.csv";

    /// <summary>Prefix of sweep parameter columns, e.g. <c>param_ttl_s</c>.</summary>
    public const string ParameterPrefix = "param_";

    private static readonly HashSet<string> TextColumns = new(StringComparer.Ordinal) { "scenario", "model" };

    /// <summary>Documented numeric columns: a non-numeric value in any of them is an error.</summary>
    private static readonly HashSet<string> KnownNumeric = new(StringComparer.Ordinal)
    {
        "replication", "seed", "invocations", "cold", "prewarm", "warm", "failed", "dropped",
        "p50_ms", "p95_ms", "p99_ms", "mean_ms", "idle_mem_gb_s", "containers_created",
        "cold_fraction", "mean_containers", "mean_busy_containers", "mean_idle_containers",
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
        int scenario = csv.Require("scenario");
        int model = csv.Require("model");
        int replication = csv.Require("replication");
        int cold = csv.Require("cold");
        int prewarm = csv.Require("prewarm");
        int warm = csv.Require("warm");
        int mean = csv.Require("mean_ms");
        int idle = csv.Require("idle_mem_gb_s");
        int coldFraction = csv.Require("cold_fraction");

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
                else if (!double.TryParse(csv.Text(i), System.Globalization.NumberStyles.Float,
                             System.Globalization.CultureInfo.InvariantCulture, out v))
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
