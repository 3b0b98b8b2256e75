using Faas.Engine;
using Faas.TestSupport;

namespace Faas.Backends.Sim.Tests;

/// <summary>The simulator against closed forms (DESIGN.md, "Ground truths"), each within a 99% confidence interval.</summary>
public class AnalyticalTests
{
    [Theory]
    [InlineData(1.0, "500ms")]
    [InlineData(1.0, "1s")]
    [InlineData(0.2, "5s")]
    [InlineData(0.05, "30s")]
    public void KeepAlivePoissonColdProbabilityIsExpMinusLambdaT(double rate, string ttl)
    {
        double t = Units.TryParseDuration(ttl, out _)!.Value.Seconds;
        var s = TestScenarios.Make(
            arrivals: $"{{process: poisson, rate: {rate}}}",
            model: $"{{model: keep-alive, ttl: {ttl}}}",
            duration: $"{Math.Round(30000 / rate)}s");
        var r = TestScenarios.Run(s);
        double p = Math.Exp(-rate * t);
        double n = r.Completed;
        double half = 2.5758 * Math.Sqrt(p * (1 - p) / n); // gaps are i.i.d., so cold indicators are independent
        Assert.InRange(r.ColdFraction, p - half, p + half);
    }

    [Theory]
    [InlineData(1.0, "1s")]
    [InlineData(0.2, "5s")]
    public void KeepAliveIdleContainerTimePerCallIsOneMinusExpOverLambda(double rate, string ttl)
    {
        double t = Units.TryParseDuration(ttl, out _)!.Value.Seconds;
        var s = TestScenarios.Make(arrivals: $"{{process: poisson, rate: {rate}}}", model: $"{{model: keep-alive, ttl: {ttl}}}", duration: $"{Math.Round(30000 / rate)}s");
        var r = TestScenarios.Run(s);
        double e = Math.Exp(-rate * t);
        double mean = (1 - e) / rate;                               // E[min(X, T)], X ~ Exp(λ)
        double second = 2 / (rate * rate) * (1 - e * (1 + rate * t)); // E[min(X, T)^2]
        double half = 2.5758 * Math.Sqrt((second - mean * mean) / r.Completed);
        double idleSecondsPerCall = r.MeanIdleContainers * r.EndSeconds / r.Completed;
        Assert.InRange(idleSecondsPerCall, mean - half - 1e-3, mean + half + 1e-3);
    }

    [Theory]
    [InlineData("10s", "12s", true)]
    [InlineData("10s", "8s", false)]
    [InlineData("1m", "61s", true)]
    [InlineData("1m", "59s", false)]
    public void PeriodicArrivalsAreWarmIffTtlExceedsPeriod(string period, string ttl, bool warm)
    {
        var s = TestScenarios.Make(arrivals: $"{{process: periodic, period: {period}}}", model: $"{{model: keep-alive, ttl: {ttl}}}", duration: "2h");
        var r = TestScenarios.Run(s);
        Assert.True(r.Completed > 100);
        if (warm)
        {
            Assert.Equal(1, r.Cold);               // only the very first call
            Assert.Equal(r.Completed - 1, r.Warm);
        }
        else
        {
            Assert.Equal(r.Completed, r.Cold);
        }
    }

    [Theory]
    [InlineData(3, 2.0, "{dist: exponential, mean: 1s}")]
    [InlineData(3, 2.0, "{dist: constant, value: 1s}")]
    [InlineData(5, 3.0, "{dist: lognormal, mu: -0.125, sigma: 0.5}")] // mean e^(−0.125+0.125) = 1 s
    public void FixedPoolOverflowMatchesErlangB(int size, double rate, string exec)
    {
        var s = TestScenarios.Make(arrivals: $"{{process: poisson, rate: {rate}}}", exec: exec, model: $"{{model: fixed-pool, size: {size}}}", duration: "3000s", replications: 12);
        var fractions = Enumerable.Range(0, s.Replications).Select(rep => TestScenarios.Run(s, rep).ColdFraction).ToList();
        var (mean, half) = TestScenarios.ConfidenceInterval(fractions);
        double expected = TestScenarios.ErlangB(size, rate * s.Functions[0].Exec.MeanSeconds);
        Assert.InRange(expected, mean - half, mean + half);
    }

    [Theory]
    [InlineData(2, 1.0, "{dist: exponential, mean: 1s}")]
    [InlineData(4, 2.0, "{dist: lognormal, median: 900ms, p99: 1600ms}")]
    public void PrewarmPoolOfFixedSizeIsAnErlangLossSystemOverStartTimes(int size, double rate, string coldStart)
    {
        // A pool slot is "busy" while its replacement starts; a call finding all N slots refilling is cold.
        var s = TestScenarios.Make(arrivals: $"{{process: poisson, rate: {rate}}}", coldStart: coldStart,
            model: $"{{model: prewarm-pool, min: {size}, max: {size}}}", duration: "3000s", replications: 12);
        var fractions = Enumerable.Range(0, s.Replications).Select(rep => TestScenarios.Run(s, rep).ColdFraction).ToList();
        var (mean, half) = TestScenarios.ConfidenceInterval(fractions);
        double expected = TestScenarios.ErlangB(size, rate * s.Runtimes[0].ColdStart.MeanSeconds);
        Assert.InRange(expected, mean - half, mean + half);
    }

    [Theory]
    [InlineData("{model: keep-alive, ttl: 1m}")]
    [InlineData("{model: cold-only}")]
    [InlineData("{model: prewarm-pool}")]
    public void LittlesLawMeanBusyContainersIsLambdaTimesMeanService(string model)
    {
        const double rate = 5.0;
        var s = TestScenarios.Make(arrivals: $"{{process: poisson, rate: {rate}}}", exec: "{dist: gamma, mean: 800ms, cv: 1.5}",
            init: "{dist: constant, value: 0us}", model: model, duration: "2000s", replications: 10, count: 3);
        var busy = Enumerable.Range(0, s.Replications).Select(rep => TestScenarios.Run(s, rep).MeanBusyContainers).ToList();
        var (mean, half) = TestScenarios.ConfidenceInterval(busy);
        double expected = 3 * rate * 0.8;
        Assert.InRange(expected, mean - half, mean + half);
    }

    [Theory]
    [InlineData("{nodes: 3, node_memory: unlimited, node_cores: 2}", 6, 4.5)]
    [InlineData("{nodes: [{memory: unlimited, cores: 1}, {memory: unlimited, cores: 3}], placement: worst-fit}", 4, 2.8)]
    [InlineData("{nodes: 1, node_memory: unlimited, node_cores: 3}", 3, 2.0)]
    public void CoresMakeTheClusterAnMmcQueueWhoseWaitMatchesErlangC(string cluster, int cores, double rate)
    {
        // Keep-alive never expires, starts take 1 µs and memory is unlimited, so a call runs at once
        // whenever any core is free and otherwise waits in FIFO order: M/M/c with c = all cores.
        var s = TestScenarios.Make(arrivals: $"{{process: poisson, rate: {rate.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}",
            exec: "{dist: exponential, mean: 1s}", model: "{model: keep-alive, ttl: 10h}", duration: "3000s", replications: 12, cluster: cluster);
        var waits = Enumerable.Range(0, s.Replications).Select(rep => TestScenarios.Run(s, rep).MeanQueueMs / 1000).ToList();
        var (mean, half) = TestScenarios.ConfidenceInterval(waits);
        double b = TestScenarios.ErlangB(cores, rate), rho = rate / cores;
        double erlangC = b / (1 - rho * (1 - b));
        double expected = erlangC / (cores - rate); // W_q = C(c, a) / (cμ − λ), μ = 1/s
        Assert.InRange(expected, mean - half, mean + half);
        Assert.True(half < 0.25 * expected, $"interval too wide to mean anything: {mean} ± {half}");
    }

    [Fact]
    public void ErlangBRecursionMatchesKnownValues()
    {
        Assert.Equal(1.0, TestScenarios.ErlangB(0, 2.0), 12);
        Assert.Equal(2.0 / 3.0, TestScenarios.ErlangB(1, 2.0), 12);
        Assert.Equal(0.2105263157894737, TestScenarios.ErlangB(3, 2.0), 12); // (8/6)/(1+2+2+8/6)
    }
}
