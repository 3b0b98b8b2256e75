using MathNet.Numerics.Distributions;

namespace Faas.Results;

/// <summary>Confidence intervals of a mean over independent replications.</summary>
public static class ConfidenceInterval
{
    /// <summary>Two-sided confidence level of every interval reported (the <c>ci95</c> columns).</summary>
    public const double Level = 0.95;

    /// <summary>
    /// Mean, sample standard deviation (n − 1) and the 95% Student-t interval
    /// mean ± t<sub>0.975, n−1</sub> · s / √n of the finite values; non-finite values are ignored.
    /// Replications are few (3–10), so the t quantile, not the normal 1.96, is what keeps the
    /// interval honest.
    /// </summary>
    public static Estimate Of(IEnumerable<double> values)
    {
        var xs = values.Where(double.IsFinite).ToArray();
        int n = xs.Length;
        if (n == 0) return new Estimate(double.NaN, double.NaN, double.NaN, double.NaN, 0);
        double mean = xs.Average();
        if (n == 1) return new Estimate(mean, double.NaN, double.NaN, double.NaN, 1);
        double sd = Math.Sqrt(xs.Sum(x => (x - mean) * (x - mean)) / (n - 1));
        double half = StudentT.InvCDF(0, 1, n - 1, 1 - ((1 - Level) / 2)) * sd / Math.Sqrt(n);
        return new Estimate(mean, sd, mean - half, mean + half, n);
    }
}
