using Faas.Platform.Results;

namespace Faas.Reporting;

/// <summary>Writes summary.csv: one row per (model, replication) run.</summary>
public static class SummaryCsv
{
    public static readonly string[] Header =
    [
        "scenario", "model", "replication", "seed", "invocations", "cold", "prewarm", "warm", "failed", "dropped",
        "p50_ms", "p95_ms", "p99_ms", "mean_ms", "idle_mem_gb_s", "containers_created",
        "cold_fraction", "prewarm_fraction", "warm_fraction",
        "mean_containers", "mean_busy_containers", "mean_idle_containers", "mean_starting_containers",
        "used_mem_gb_s", "mean_queue_ms", "end_s",
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
            w.WriteField(s.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
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
}
