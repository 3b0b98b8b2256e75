using System.Globalization;
using Faas.Engine;

namespace Faas.Workloads.Distributions;

/// <summary>
/// A distribution given by percentiles (as the Azure traces publish them): the inverse CDF is
/// interpolated linearly between the given points; below the lowest / above the highest given
/// percentile the value is that percentile's value (no extrapolation).
/// </summary>
public sealed class EmpiricalDistribution : DurationDistribution
{
    private readonly double[] _p;      // cumulative probabilities in [0,1], increasing
    private readonly double[] _value;  // seconds, non-decreasing

    /// <param name="points">(percentile 0..100, value in seconds), percentiles strictly increasing and values non-decreasing.</param>
    public EmpiricalDistribution(IReadOnlyList<(double Percentile, double Seconds)> points)
    {
        if (points.Count == 0) throw new ArgumentException("at least one percentile is needed", nameof(points));
        _p = points.Select(x => x.Percentile / 100.0).ToArray();
        _value = points.Select(x => x.Seconds).ToArray();
        for (int i = 1; i < _p.Length; i++)
        {
            if (_p[i] <= _p[i - 1]) throw new ArgumentException("percentiles must increase", nameof(points));
            if (_value[i] < _value[i - 1]) throw new ArgumentException("values must not decrease with the percentile", nameof(points));
        }
    }

    /// <summary>The value at cumulative probability <paramref name="u"/>.</summary>
    public double Quantile(double u)
    {
        if (u <= _p[0]) return _value[0];
        int last = _p.Length - 1;
        if (u >= _p[last]) return _value[last];
        int i = Array.BinarySearch(_p, u);
        if (i >= 0) return _value[i];
        i = ~i; // first index with _p[i] > u
        double w = (u - _p[i - 1]) / (_p[i] - _p[i - 1]);
        return _value[i - 1] + w * (_value[i] - _value[i - 1]);
    }

    public override SimDuration Sample(Random rng) => FromSeconds(Quantile(rng.NextDouble()));

    /// <summary>Mean of the piecewise-linear quantile function (trapezoids, flat tails).</summary>
    public override double MeanSeconds
    {
        get
        {
            double m = _p[0] * _value[0];
            for (int i = 1; i < _p.Length; i++) m += (_p[i] - _p[i - 1]) * (_value[i] + _value[i - 1]) / 2;
            m += (1 - _p[^1]) * _value[^1];
            return m;
        }
    }

    public override string Describe() =>
        "empirical(" + string.Join(", ", _p.Select((p, i) => $"p{(p * 100).ToString("0.##", CultureInfo.InvariantCulture)}={Fmt(_value[i])}")) + ")";
}
