using Faas.Platform.Policies;

namespace Faas.Platform.Tests;

/// <summary>The autoregressive forecast behind hybrid-histogram's out-of-range mode.</summary>
public class IdleTimeForecastTests
{
    /// <summary>x[t] = μ + φ(x[t−1] − μ) + ε, ε ~ N(0, σ²) (Box–Muller on a seeded generator: test data only).</summary>
    private static double[] Ar1(int n, double mu, double phi, double sigma, int seed)
    {
        var rng = new Random(seed);
        var x = new double[n];
        double prev = mu;
        for (int i = 0; i < n; i++)
        {
            double e = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
            x[i] = prev = mu + phi * (prev - mu) + sigma * e;
        }
        return x;
    }

    [Fact]
    public void Ar1ForecastConvergesToTheTrueOneStepPrediction()
    {
        const double mu = 10, phi = 0.7, sigma = 1;
        // the fitted model's one-step error beyond the true prediction shrinks like σ·√(p/n):
        // averaged over 60 independent series, ≈ 0.8·σ·√(2/n) (0.16σ at n = 50, 0.025σ at n = 2000)
        double MeanError(int n)
        {
            double sum = 0;
            for (int seed = 0; seed < 60; seed++)
            {
                var x = Ar1(n, mu, phi, sigma, 1000 * n + seed);
                var (f, _) = IdleTimeForecast.Next(x, 4);
                sum += Math.Abs(f - (mu + phi * (x[^1] - mu)));
            }
            return sum / 60;
        }
        double e50 = MeanError(50), e2000 = MeanError(2000);
        Assert.True(e2000 < 0.05 * sigma, $"mean |error| {e2000:F4} with 2000 points");
        Assert.True(e2000 < e50 / 3, $"no convergence: {e50:F4} at 50 points, {e2000:F4} at 2000");
        // even at 50 points far better than the mean, whose error |φ(x − μ)| averages 0.8·0.7σ/√(1 − φ²) ≈ 0.78σ
        Assert.True(e50 < 0.3 * sigma, $"mean |error| {e50:F4} with 50 points");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void APeriodicSeriesWithATrendIsContinuedExactly(int period)
    {
        double Value(int t) => 100 + 0.5 * t + 7 * Math.Sin(2 * Math.PI * t / period + 0.3);
        var x = Enumerable.Range(0, 32).Select(Value).ToArray();
        var (f, order) = IdleTimeForecast.Next(x, 4);
        Assert.Equal(Value(32), f, 6);
        Assert.InRange(order, 1, 4);
    }

    [Fact]
    public void AConstantSeriesForecastsThatConstant()
    {
        var x = Enumerable.Repeat(42.5, 20).ToArray();
        Assert.Equal((42.5, 0), IdleTimeForecast.Next(x, 4));
    }

    [Fact]
    public void NoiseAroundALevelForecastsTheLevel()
    {
        var rng = new Random(7);
        var x = Enumerable.Range(0, 32).Select(_ => 5 + rng.NextDouble()).ToArray();
        var (f, _) = IdleTimeForecast.Next(x, 4);
        // AIC may pick a spurious low order now and then; the forecast stays at the level (sd of the noise ≈ 0.29)
        Assert.InRange(f, x.Average() - 0.15, x.Average() + 0.15);
    }

    [Fact]
    public void ShortHistoriesUseTheMean()
    {
        Assert.Equal((5.0 / 3, 0), IdleTimeForecast.Next([1.0, 3.0, 1.0], 4)); // (3 − 1) / 3 = 0: no order fits
        Assert.Equal(0, IdleTimeForecast.Next([1.0], 4).Order);
    }
}
