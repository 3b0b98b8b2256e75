using Faas.Scenarios;

namespace Faas.Experiments;

/// <summary>
/// A sweep axis with its CSV identity: the column <c>param_&lt;Name&gt;</c> of summary.csv and the
/// numeric value of each written value (durations in seconds, memory in GB).
/// </summary>
/// <param name="Name">Column name without the <c>param_</c> prefix, e.g. <c>mean_interval_s</c>, <c>functions</c>.</param>
/// <param name="Numeric">The numeric value of each of <see cref="SweepAxis.Values"/>, same order.</param>
public sealed record SweepParameter(SweepAxis Axis, string Name, SweepValueKind Kind, IReadOnlyList<double> Numeric)
{
    /// <summary>Prefix of sweep columns in summary.csv and summary_ci.csv.</summary>
    public const string ColumnPrefix = "param_";

    public string Path => Axis.Path;

    /// <summary>The summary.csv column, e.g. <c>param_mean_interval_s</c>.</summary>
    public string Column => ColumnPrefix + Name;
}
