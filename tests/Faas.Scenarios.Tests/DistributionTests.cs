using Faas.Engine;
using Faas.Workloads.Distributions;

namespace Faas.Scenarios.Tests;

public class DistributionTests
{
    private static DurationDistribution Parse(string yamlMap)
    {
        var s = ScenarioLoader.Load($$$"""
            name: t
            duration: 1h
            runtimes: [{name: r, cold_start: {{{yamlMap}}}}]
            functions: [{name: f, runtime: r, exec: {dist: constant, value: 1ms}, arrivals: {process: poisson, rate: 1}}]
            models: [{model: cold-only}]
            """, "t.yaml");
        return s.Runtimes[0].ColdStart;
    }

    [Theory]
    [InlineData("{dist: constant, value: 250ms}")]
    [InlineData("{dist: uniform, min: 100ms, max: 300ms}")]
    [InlineData("{dist: exponential, mean: 200ms}")]
    [InlineData("{dist: normal, mean: 300ms, stddev: 200ms}")]
    [InlineData("{dist: lognormal, median: 900ms, p99: 1.6s}")]
    [InlineData("{dist: lognormal, mu: -1, sigma: 0.8}")]
    [InlineData("{dist: gamma, mean: 800ms, cv: 1.5}")]
    [InlineData("{dist: gamma, shape: 2, scale: 100ms}")]
    [InlineData("{dist: empirical, p0: 10ms, p25: 21ms, p50: 29ms, p75: 84ms, p99: 1238ms, p100: 5s}")]
    public void SampleMeanMatchesTheAnalyticalMeanWithin99PercentCI(string spec)
    {
        var d = Parse(spec);
        var rng = new Pcg32Random(11);
        const int n = 200_000;
        double sum = 0, sumSq = 0;
        for (int i = 0; i < n; i++)
        {
            double x = d.Sample(rng).Seconds;
            Assert.True(x >= 0);
            sum += x;
            sumSq += x * x;
        }
        double mean = sum / n;
        double sd = Math.Sqrt(Math.Max(0, sumSq / n - mean * mean));
        double half = 2.5758 * sd / Math.Sqrt(n) + 1e-6; // + rounding to whole microseconds
        Assert.InRange(d.MeanSeconds, mean - half, mean + half);
    }

    [Fact]
    public void LogNormalFromMedianAndP99HitsBothQuantiles()
    {
        var d = (LogNormalDistribution)Parse("{dist: lognormal, median: 900ms, p99: 1.6s}");
        var rng = new Pcg32Random(3);
        var xs = Enumerable.Range(0, 100_000).Select(_ => d.Sample(rng).Seconds).Order().ToArray();
        Assert.InRange(xs[50_000], 0.88, 0.92);
        Assert.InRange(xs[99_000], 1.54, 1.66);
    }

    [Fact]
    public void EmpiricalInterpolatesBetweenPercentiles()
    {
        var d = new EmpiricalDistribution([(0, 0.0), (50, 1.0), (100, 3.0)]);
        Assert.Equal(0.5, d.Quantile(0.25), 9);
        Assert.Equal(2.0, d.Quantile(0.75), 9);
        Assert.Equal(3.0, d.Quantile(1.0), 9);
    }

    [Fact]
    public void SamplingDoesNotAllocate()
    {
        var d = Parse("{dist: gamma, mean: 800ms, cv: 1.5}");
        var rng = new Pcg32Random(5);
        d.Sample(rng);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++) d.Sample(rng);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
