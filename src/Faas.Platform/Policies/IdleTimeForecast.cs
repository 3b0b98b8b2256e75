namespace Faas.Platform.Policies;

/// <summary>
/// One-step forecast of a short series by an autoregressive model with intercept, fitted by
/// conditional least squares, its order chosen by AIC — the time-series part of
/// <see cref="HybridHistogramPolicy"/> (Shahrad et al. fit ARIMA to the idle times of applications
/// whose idle times mostly exceed the histogram's range; the paper names neither orders nor
/// transform, so the choices here are ours and stated).
/// <para>
/// Model of order p: x[t] = c + φ1·x[t−1] + … + φp·x[t−p] + ε. All orders 0..P are fitted on the
/// same rows (t = P .. n−1, so their AICs compare) with P = min(<c>maxOrder</c>, (n − 1) / 3), which
/// keeps at least twice as many rows as the largest model has parameters. AIC = rows·ln(RSS/rows) +
/// 2·(p + 1), with RSS/rows floored at (10⁻³ × the series' range)² so that near-exact fits tie; the
/// smallest AIC wins, ties to the smaller order. Order 0 is the mean of the whole
/// series. Least squares with an intercept, unlike Yule–Walker, fits unit roots exactly, so a
/// linear trend plus a cycle of period ≤ P is an ARIMA(p, 1, 0) it reproduces (x[t] = x[t−k] + k·slope),
/// without a separate differencing order to choose. A singular fit (collinear lags, e.g. a constant
/// series) skips that order; a non-finite forecast, or one further than the series' own spread
/// beyond its range, falls back to the mean (a guard against explosive fits on short histories).
/// </para>
/// <para>
/// Cost: one (P+1)² Gram matrix over the rows, then a Cholesky solve per order, O(n·P² + P⁴) with
/// everything on the stack: no allocation. Deterministic (plain arithmetic in a fixed order).
/// </para>
/// </summary>
public static class IdleTimeForecast
{
    /// <summary>Largest order the fit supports (bounds the stack buffers).</summary>
    public const int MaxSupportedOrder = 16;

    /// <summary>
    /// Residual standard deviation, relative to the series' range, below which a fit counts as exact:
    /// then the smaller order wins. Without it AIC (which rewards ln RSS without bound) would take a
    /// higher order to chase differences of a few parts in 10⁴ — e.g. idle times 1 s shorter after a
    /// cold start in a series of 5 h and 7 h gaps.
    /// </summary>
    private const double ExactFit = 1e-3;

    /// <summary>The forecast of the value after <paramref name="series"/> (oldest first) and the order used (0: the mean).</summary>
    public static (double Forecast, int Order) Next(ReadOnlySpan<double> series, int maxOrder)
    {
        int n = series.Length;
        if (n == 0) return (double.NaN, 0);
        double mean = 0, lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        for (int i = 0; i < n; i++)
        {
            mean += series[i];
            lo = Math.Min(lo, series[i]);
            hi = Math.Max(hi, series[i]);
        }
        mean /= n;
        int pMax = Math.Min(Math.Min(maxOrder, MaxSupportedOrder), (n - 1) / 3);
        if (pMax < 1 || hi - lo <= 1e-12 * Math.Max(1, Math.Abs(mean))) return (mean, 0);

        // Gram matrix of the design [1, x[t−1] .. x[t−pMax]] and its products with y = x[t], on centred values
        int k = pMax + 1, rows = n - pMax;
        Span<double> g = stackalloc double[k * k];
        Span<double> b = stackalloc double[k];
        g.Clear();
        b.Clear();
        double yy = 0, ySum = 0;
        Span<double> z = stackalloc double[k];
        for (int t = pMax; t < n; t++)
        {
            z[0] = 1;
            for (int j = 1; j < k; j++) z[j] = series[t - j] - mean;
            double y = series[t] - mean;
            yy += y * y;
            ySum += y;
            for (int r = 0; r < k; r++)
            {
                b[r] += z[r] * y;
                for (int c = 0; c <= r; c++) g[r * k + c] += z[r] * z[c];
            }
        }
        double tss = yy - ySum * ySum / rows;
        double floor = Math.Max(ExactFit * ExactFit * (hi - lo) * (hi - lo), 1e-300);

        // order 0 on the same rows: intercept only
        double bestAic = rows * Math.Log(Math.Max(tss / rows, floor)) + 2;
        int bestP = 0;
        Span<double> bestBeta = stackalloc double[k];
        Span<double> l = stackalloc double[k * k];
        Span<double> beta = stackalloc double[k];
        for (int p = 1; p <= pMax; p++)
        {
            int m = p + 1;
            if (!Solve(g, k, b, m, l, beta)) continue;
            double fitted = 0;
            for (int r = 0; r < m; r++) fitted += beta[r] * b[r];
            double rss = Math.Max(yy - fitted, 0);
            double aic = rows * Math.Log(Math.Max(rss / rows, floor)) + 2 * m;
            if (aic < bestAic - 1e-9)
            {
                bestAic = aic;
                bestP = p;
                beta[..m].CopyTo(bestBeta);
            }
        }
        if (bestP == 0) return (mean, 0);
        double f = mean + bestBeta[0];
        for (int j = 1; j <= bestP; j++) f += bestBeta[j] * (series[n - j] - mean);
        double spread = hi - lo;
        if (!double.IsFinite(f) || f < lo - spread || f > hi + spread) return (mean, 0);
        return (f, bestP);
    }

    /// <summary>Solves the leading m×m block of the symmetric system (lower triangle in <paramref name="g"/>, stride k) by Cholesky; false when singular.</summary>
    private static bool Solve(ReadOnlySpan<double> g, int k, ReadOnlySpan<double> b, int m, Span<double> l, Span<double> x)
    {
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double s = g[i * k + j];
                for (int q = 0; q < j; q++) s -= l[i * k + q] * l[j * k + q];
                if (i == j)
                {
                    if (s <= 1e-10 * Math.Max(g[i * k + i], 1e-300)) return false;
                    l[i * k + i] = Math.Sqrt(s);
                }
                else
                {
                    l[i * k + j] = s / l[j * k + j];
                }
            }
        }
        for (int i = 0; i < m; i++) // L y = b
        {
            double s = b[i];
            for (int q = 0; q < i; q++) s -= l[i * k + q] * x[q];
            x[i] = s / l[i * k + i];
        }
        for (int i = m - 1; i >= 0; i--) // Lᵀ x = y
        {
            double s = x[i];
            for (int q = i + 1; q < m; q++) s -= l[q * k + i] * x[q];
            x[i] = s / l[i * k + i];
        }
        return true;
    }
}
