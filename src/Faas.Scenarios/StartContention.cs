using System.Collections.Immutable;
using System.Globalization;

namespace Faas.Scenarios;

/// <summary>
/// How a runtime's container start slows down when several start at once on one machine: the median
/// start time measured with k starts issued together (<c>faas-sim calibrate</c>'s
/// <c>cold_start_median_by_concurrency</c>, or a runtime's <c>start_contention:</c> key). The simulator
/// multiplies a drawn cold start by <see cref="Factor"/>(k), where k counts the containers starting on
/// the machine when this one begins, itself included.
/// <para>
/// factor(k) = median(k) / median(1), piecewise-linear in k between measured levels; past the largest
/// measured level it continues the slope of the last segment (never below the last factor: a measured
/// dip is noise, not a speed-up that grows with load). Levels must include 1. The factor is fixed when
/// the start begins (not re-computed as other starts come and go): a simple, deterministic
/// approximation of dockerd sharing its CPU among the starts in flight.
/// </para>
/// </summary>
public sealed class StartContention
{
    /// <summary>Measured levels k (ascending, starting at 1) and their median start times in microseconds.</summary>
    public ImmutableArray<(int K, long MedianMicros)> Points { get; }

    /// <param name="points">Median start time (µs) per level k; must contain k = 1, all k ≥ 1 and all medians &gt; 0.</param>
    public StartContention(IEnumerable<(int K, long MedianMicros)> points)
    {
        var p = points.OrderBy(x => x.K).ToImmutableArray();
        if (p.Length == 0 || p[0].K != 1) throw new ArgumentException("start contention needs the level k = 1 (the start time alone)", nameof(points));
        for (int i = 0; i < p.Length; i++)
        {
            if (p[i].MedianMicros <= 0) throw new ArgumentException($"start contention: the median at k = {p[i].K} must be greater than zero", nameof(points));
            if (i > 0 && p[i].K == p[i - 1].K) throw new ArgumentException($"start contention: level {p[i].K} appears twice", nameof(points));
        }
        Points = p;
    }

    /// <summary>The contention of a profile's medians in milliseconds by level, or null when it has no k = 1 or only that level.</summary>
    public static StartContention? FromMedians(IReadOnlyDictionary<int, double> msByLevel)
    {
        if (msByLevel.Count < 2 || !msByLevel.TryGetValue(1, out double one) || !(one > 0)) return null;
        if (msByLevel.Any(x => x.Key < 1 || !(x.Value > 0) || double.IsInfinity(x.Value))) return null;
        return new StartContention(msByLevel.Select(x => (x.Key, Math.Max(1L, (long)Math.Round(x.Value * 1000)))));
    }

    /// <summary>Start-time multiplier with <paramref name="k"/> ≥ 1 starts in flight (this one included); 1 at k = 1.</summary>
    public double Factor(int k)
    {
        if (k <= 1 || Points.Length == 1) return 1.0;
        double m1 = Points[0].MedianMicros;
        for (int i = 1; i < Points.Length; i++)
        {
            if (k <= Points[i].K)
            {
                var (k0, v0) = Points[i - 1];
                var (k1, v1) = Points[i];
                return (v0 + (v1 - v0) * (double)(k - k0) / (k1 - k0)) / m1;
            }
        }
        // past the largest level: continue the last segment's slope (flat if it falls)
        var (ka, va) = Points[^2];
        var (kb, vb) = Points[^1];
        double slope = Math.Max(0, (vb - va) / (double)(kb - ka));
        return (vb + slope * (k - kb)) / m1;
    }

    /// <summary>The levels as written in a scenario: <c>{1: 1075ms, 2: 1861ms}</c>.</summary>
    public override string ToString() =>
        "{" + string.Join(", ", Points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.K}: {p.MedianMicros / 1000.0:0.###}ms"))) + "}";
}
