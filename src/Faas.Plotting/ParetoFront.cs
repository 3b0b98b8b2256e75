namespace Faas.Plotting;

/// <summary>Pareto-optimal points when both coordinates are to be minimised.</summary>
internal static class ParetoFront
{
    /// <summary>
    /// Indices of the points no other point dominates (another point is no worse in both x and
    /// y and better in one), ordered by ascending x. Points with a non-finite coordinate are
    /// never on the front. Exact duplicates are all kept.
    /// </summary>
    public static IReadOnlyList<int> Indices(IReadOnlyList<(double X, double Y)> points)
    {
        var front = new List<int>();
        for (int i = 0; i < points.Count; i++)
        {
            var (xi, yi) = points[i];
            if (!double.IsFinite(xi) || !double.IsFinite(yi))
            {
                continue;
            }

            bool dominated = false;
            for (int j = 0; j < points.Count && !dominated; j++)
            {
                var (xj, yj) = points[j];
                dominated = j != i && double.IsFinite(xj) && double.IsFinite(yj)
                    && xj <= xi && yj <= yi && (xj < xi || yj < yi);
            }

            if (!dominated)
            {
                front.Add(i);
            }
        }

        return front.OrderBy(i => points[i].X).ThenBy(i => points[i].Y).ToList();
    }
}
