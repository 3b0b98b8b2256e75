namespace Faas.Fidelity;

/// <summary>Small statistics helpers.</summary>
public static class Stats
{
    /// <summary>Nearest-rank quantile; NaN when empty.</summary>
    public static double Quantile(IReadOnlyCollection<double> values, double q)
    {
        if (values.Count == 0) return double.NaN;
        var s = values.OrderBy(x => x).ToArray();
        int rank = Math.Max(1, (int)Math.Ceiling(q * s.Length));
        return s[Math.Min(rank, s.Length) - 1];
    }
}
