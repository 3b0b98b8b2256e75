using Faas.Platform.Results;

namespace Faas.Results;

/// <summary>
/// Writes nodes.csv for a multi-node cluster (or one with core limits): one row per (model,
/// replication, node), with the node's idle and used memory-time, containers created there,
/// evictions, mean busy containers, core utilisation and peak memory. The totals over nodes are
/// summary.csv's <c>idle_mem_gb_s</c>, <c>used_mem_gb_s</c> and <c>containers_created</c>.
/// </summary>
public static class NodesCsv
{
    public const string FileName = ResultFiles.Nodes;

    public static readonly string[] Header =
    [
        "scenario", "model", "replication", "node", "memory_gb", "cores", "containers_created", "evictions",
        "idle_mem_gb_s", "used_mem_gb_s", "mean_busy_containers", "core_utilisation", "peak_used_gb",
    ];

    private const double BytesPerGb = 1024.0 * 1024 * 1024;

    /// <summary>True when some run has per-node results (a file is worth writing).</summary>
    public static bool Applies(IEnumerable<RunSummary> rows) => rows.Any(r => r.Nodes is { Count: > 0 });

    /// <param name="extraColumns">Sweep columns (as in summary.csv), appended after the fixed ones.</param>
    public static void Write(TextWriter writer, IEnumerable<RunSummary> rows, IReadOnlyList<string>? extraColumns = null, Func<RunSummary, IReadOnlyList<string>>? extra = null)
    {
        using var w = CsvFormat.Writer(writer, Header, extraColumns);
        foreach (var s in rows)
        {
            if (s.Nodes is null) continue;
            var extras = extra?.Invoke(s);
            foreach (var n in s.Nodes)
            {
                w.WriteField(s.Scenario);
                w.WriteField(s.Model);
                w.WriteField(CsvFormat.Int(s.Replication));
                w.WriteField(n.Node);
                w.WriteField(n.MemoryBytes == long.MaxValue ? "inf" : CsvFormat.Num(n.MemoryBytes / BytesPerGb, 6));
                w.WriteField(CsvFormat.Int(n.Cores));
                w.WriteField(CsvFormat.Int(n.ContainersCreated));
                w.WriteField(CsvFormat.Int(n.Evictions));
                w.WriteField(CsvFormat.Num(n.IdleMemGbS, 6));
                w.WriteField(CsvFormat.Num(n.UsedMemGbS, 6));
                w.WriteField(CsvFormat.Num(n.MeanBusyContainers, 6));
                w.WriteField(CsvFormat.Num(n.CoreUtilisation, 6));
                w.WriteField(CsvFormat.Num(n.PeakUsedBytes / BytesPerGb, 6));
                if (extras is not null) foreach (var v in extras) w.WriteField(v);
                w.NextRecord();
            }
        }
    }
}
