using Faas.Results;

namespace Faas.Plotting;

/// <summary>
/// Keeps sweep points apart in per-model charts. A sweep may write one model label for many
/// parameter settings (the settings only in <c>param_*</c> columns); averaging those rows as
/// if they were replications would mix different experiments, so such labels get the
/// settings appended, e.g. <c>keep-alive mean_interval=10s functions=5</c>.
/// </summary>
internal static class SweepPoints
{
    /// <summary>
    /// Returns <paramref name="rows"/> with the model label of every row whose label occurs
    /// with more than one parameter setting extended by that row's setting; other rows are
    /// returned unchanged. Order is preserved.
    /// </summary>
    public static IReadOnlyList<SummaryRow> Split(IReadOnlyList<SummaryRow> rows)
    {
        var ambiguous = rows.GroupBy(r => r.Model, StringComparer.Ordinal)
            .Where(g => g.Select(Setting).Distinct(StringComparer.Ordinal).Count() > 1)
            .Select(g => g.Key)
            .ToHashSet(StringComparer.Ordinal);
        return ambiguous.Count == 0
            ? rows
            : rows.Select(r => ambiguous.Contains(r.Model) ? r with { Model = r.Model + " " + Setting(r) } : r).ToList();
    }

    /// <summary>The row's parameters as <c>name=value</c> pairs in column order; a <c>_s</c>/<c>_ms</c> suffix becomes the value's unit.</summary>
    private static string Setting(SummaryRow row) =>
        string.Join(" ", row.Parameters.Select(kv =>
            kv.Key.EndsWith("_ms", StringComparison.Ordinal) ? $"{kv.Key[..^3]}={AxisTicks.FormatNumber(kv.Value)}ms"
            : kv.Key.EndsWith("_s", StringComparison.Ordinal) ? $"{kv.Key[..^2]}={AxisTicks.FormatNumber(kv.Value)}s"
            : $"{kv.Key}={AxisTicks.FormatNumber(kv.Value)}"));
}
