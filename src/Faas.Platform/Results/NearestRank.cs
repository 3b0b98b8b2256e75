namespace Faas.Platform.Results;

/// <summary>The quantile rule of every exact quantile Faas.Sim reports (replays, pooled comparisons, calibration medians, benchmarks).</summary>
public static class NearestRank
{
    /// <summary>
    /// The q-quantile of <paramref name="values"/> by nearest rank: the value at rank ⌈q·n⌉ (at least 1)
    /// in ascending order, always one of the values (no interpolation); NaN when empty.
    /// </summary>
    public static double Quantile(IReadOnlyCollection<double> values, double q)
    {
        if (values.Count == 0) return double.NaN;
        var s = values.OrderBy(x => x).ToArray();
        int rank = Math.Max(1, (int)Math.Ceiling(q * s.Length));
        return s[Math.Min(rank, s.Length) - 1];
    }
}
