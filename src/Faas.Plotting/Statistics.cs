using MathNet.Numerics.Distributions;

namespace Faas.Plotting;

/// <summary>Mean and Student-t confidence interval over replications.</summary>
internal static class Statistics
{
    /// <summary>Two-sided confidence level of every interval drawn.</summary>
    public const double ConfidenceLevel = 0.95;

    /// <summary>
    /// Mean of the finite values and the half-width of their 95% Student-t interval
    /// (t<sub>0.975, n−1</sub> · s / √n). The half-width is 0 with fewer than two values, meaning
    /// "no interval", never "no uncertainty"; the mean is NaN with no finite value.
    /// </summary>
    public static (double Mean, double HalfWidth, int N) MeanCi(IEnumerable<double> values)
    {
        var xs = values.Where(double.IsFinite).ToArray();
        int n = xs.Length;
        if (n == 0)
        {
            return (double.NaN, 0, 0);
        }

        double mean = xs.Average();
        if (n < 2)
        {
            return (mean, 0, n);
        }

        double ss = xs.Sum(x => (x - mean) * (x - mean));
        double sd = Math.Sqrt(ss / (n - 1));
        double t = StudentT.InvCDF(0, 1, n - 1, 1 - ((1 - ConfidenceLevel) / 2));
        return (mean, t * sd / Math.Sqrt(n), n);
    }
}
