namespace Faas.Results;

/// <summary>
/// The mean of a metric over replications with its two-sided 95% Student-t confidence interval.
/// With fewer than two values there is no interval: <see cref="Low"/> and <see cref="High"/> are NaN
/// (which means "not measured", never "no uncertainty").
/// </summary>
public readonly record struct Estimate(double Mean, double StdDev, double Low, double High, int N)
{
    public bool HasInterval => N >= 2 && double.IsFinite(Low);

    /// <summary>
    /// The t half-width t<sub>0.975, n−1</sub> · s / √n, from <see cref="StdDev"/> and <see cref="N"/>: the "±"
    /// of a table cell. It is the same as (High − Low) / 2 unless a bound was cut to the metric's range.
    /// </summary>
    public double HalfWidth => HasInterval && double.IsFinite(StdDev)
        ? MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, N - 1, 1 - ((1 - ConfidenceInterval.Level) / 2)) * StdDev / Math.Sqrt(N)
        : double.NaN;

    /// <summary>True when the intervals of the two estimates do not overlap (both need an interval).</summary>
    public bool SeparatedFrom(Estimate other) => HasInterval && other.HasInterval && (High < other.Low || other.High < Low);
}
