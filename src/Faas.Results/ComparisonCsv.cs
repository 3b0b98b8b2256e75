namespace Faas.Results;

/// <summary>
/// comparison.csv of <c>validate-real</c>: one row per (model, metric), the simulated value beside
/// the real one, the error and whether the target is met. Its columns depend on the number of real
/// replications: <see cref="Header"/> for one, <see cref="PairedHeader"/> (paired pooled values and
/// each real run's own) for several. Metric names are summary.csv's column names.
/// </summary>
public static class ComparisonCsv
{
    public const string FileName = ResultFiles.Comparison;

    /// <summary>Columns with one real replication.</summary>
    public static readonly string[] Header = ["scenario", "model", "metric", "sim", "sim_rep0", "real", "abs_error", "rel_error", "target", "met"];

    /// <summary>Columns with several real replications (judged on the paired pooled values).</summary>
    public static readonly string[] PairedHeader =
        ["scenario", "model", "metric", "sim", "sim_rep0", "real_rep0", "sim_paired", "real_paired", "real_runs", "abs_error", "rel_error", "target", "met", "judged_on"];
}
