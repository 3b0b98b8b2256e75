namespace Faas.Results;

/// <summary>
/// One row of summary_ci.csv: a metric of one model at one sweep point, estimated over its
/// replications. <see cref="Parameters"/> holds the point's <c>param_*</c> columns as written in
/// summary.csv (empty without a sweep).
/// </summary>
public sealed record MetricEstimate(
    string Scenario,
    string Model,
    IReadOnlyList<KeyValuePair<string, string>> Parameters,
    string Metric,
    Estimate Estimate)
{
    /// <summary>The numeric value of sweep column <paramref name="column"/> (e.g. <c>param_functions</c>), or NaN.</summary>
    public double Parameter(string column)
    {
        foreach (var (k, v) in Parameters)
            if (k == column) return double.TryParse(v, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double d) ? d : double.NaN;
        return double.NaN;
    }

    /// <summary>The sweep point as one key, for grouping (empty without a sweep).</summary>
    public string PointKey => string.Join(",", Parameters.Select(p => p.Key + "=" + p.Value));
}
