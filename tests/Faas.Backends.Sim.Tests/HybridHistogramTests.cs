using Faas.Engine;
using Faas.Platform.Policies;

namespace Faas.Backends.Sim.Tests;

/// <summary>hybrid-histogram on hand-made sequences: 1 s cold start, 0.1 s calls.</summary>
public class HybridHistogramTests
{
    private static Call[] Periodic(double period, int count, int function = 0, double offset = 0) =>
        Enumerable.Range(0, count).Select(i => new Call(offset + i * period, function)).ToArray();

    [Theory]
    [InlineData(30)]
    [InlineData(90)]
    [InlineData(200)]
    public void PeriodicCallsUnderFourHoursAreWarmAfterWarmUpWithPrewarmNearNinetyPercentOfThePeriod(double minutes)
    {
        double period = minutes * 60;
        var r = PolicyRuns.Run("{model: hybrid-histogram}", Periodic(period, 40));
        var p = r.Policy<HybridHistogramPolicy>();
        var (mode, prewarm, keepAlive) = p.Windows(0);
        Assert.Equal(HybridMode.Histogram, mode);
        // idle time = period − 0.1 s, in the bin just below the period: pre-warm = 0.9 × (bin's lower edge)
        Assert.InRange(prewarm.Seconds, 0.9 * (period - 60), 0.9 * period);
        Assert.InRange(keepAlive.Seconds, period, 1.1 * (period + 60));
        Assert.Equal(1, r.Summary.Cold); // only the very first call: the fallback keeps it warm during warm-up
        Assert.Equal(39, r.Summary.Warm);
        // and the container really was unloaded and pre-warmed each period once the histogram took over
        Assert.True(r.Summary.ContainersCreated >= 40 - 7, $"{r.Summary.ContainersCreated} containers");
    }

    [Fact]
    public void HeadInTheFirstBinMeansNoUnloading()
    {
        var r = PolicyRuns.Run("{model: hybrid-histogram}", Periodic(20, 100));
        var (mode, prewarm, keepAlive) = r.Policy<HybridHistogramPolicy>().Windows(0);
        Assert.Equal(HybridMode.Histogram, mode);
        Assert.Equal(SimDuration.Zero, prewarm);
        Assert.Equal(66, keepAlive.Seconds, 6); // upper edge of bin 0 (1 min) + 10%
        Assert.Equal(1, r.Summary.ContainersCreated);
        Assert.Equal(99, r.Summary.Warm);
    }

    [Fact]
    public void SpreadOutIdleTimesAreNotRepresentativeAndFallBackToFixedKeepAlive()
    {
        // 200 idle times of 1..200 minutes, one per bin: coefficient of variation √(240/200 − 1) ≈ 0.45 < 2
        var gaps = Enumerable.Range(1, 200).Select(m => m * 60.0).ToArray();
        new Random(5).Shuffle(gaps);
        double t = 0;
        var calls = new List<Call> { new(0, 0) };
        foreach (var g in gaps) calls.Add(new Call(t += g + 0.1, 0));
        var r = PolicyRuns.Run("{model: hybrid-histogram}", calls);
        var (mode, prewarm, keepAlive) = r.Policy<HybridHistogramPolicy>().Windows(0);
        Assert.Equal(HybridMode.Fallback, mode);
        Assert.Equal(SimDuration.Zero, prewarm);
        Assert.Equal(SimDuration.FromHours(4), keepAlive);
        // with few samples in distinct bins the CV is high (√(240/n − 1) ≥ 2 up to n = 48), so the
        // histogram is used at first; once it is not representative every gap is under the 4 h fallback
        Assert.DoesNotContain('C', r.Types[60..]);
    }

    [Fact]
    public void MostlyOutOfRangeIdleTimesSwitchToTheForecast()
    {
        var r = PolicyRuns.Run("{model: hybrid-histogram}", Periodic(5 * 3600, 20));
        var p = r.Policy<HybridHistogramPolicy>();
        var (mode, prewarm, keepAlive) = p.Windows(0);
        Assert.Equal(HybridMode.Forecast, mode);
        double idle = 5 * 3600 - 0.1;
        Assert.Equal(0.85 * idle, prewarm.Seconds, 3);
        Assert.Equal(1.15 * idle, keepAlive.Seconds, 3);
        Assert.Equal((0, 19), p.Observations(0));
        // 6 cold (the first, then five gaps beyond the 4 h fallback before the forecast has 5 samples), then pre-warmed
        Assert.Equal("CCCCCC" + new string('W', 14), r.Types);
    }

    [Theory]
    [InlineData("function", 0)]
    [InlineData("app", 1)]
    public void PerAppHistogramsPoolTheIdleTimesOfAnAppsFunctions(string per, int coldAfterWarmUp)
    {
        // f0 and f1 of one app alternate every 10 min: each function idles 20 min, the app only 10
        var calls = Enumerable.Range(0, 60).Select(i => new Call(i * 600.0, i % 2)).ToArray();
        var r = PolicyRuns.Run($"{{model: hybrid-histogram, per: {per}}}", calls, functions: 2, apps: ["a", "a"]);
        var (_, prewarm, _) = r.Policy<HybridHistogramPolicy>().Windows(0);
        Assert.InRange(prewarm.Seconds, per == "app" ? 0.9 * 540 : 0.9 * 1140, per == "app" ? 0.9 * 600 : 0.9 * 1200);
        // per app, the pre-warmed container is gone (11 min) before the function's call (20 min)
        string late = r.Types[20..];
        Assert.Equal(coldAfterWarmUp == 0 ? 0 : late.Length, late.Count(c => c == 'C'));
    }

    [Fact]
    public void AlternatingIdleTimesBeyondTheRangeArePrewarmedBeforeTheRightCall()
    {
        // gaps 5 h, 7 h, 5 h, 7 h ...: every idle time is beyond the 4 h range
        var calls = new List<Call>();
        double t = 0;
        for (int i = 0; i < 16; i++)
        {
            calls.Add(new Call(t, 0));
            t += i % 2 == 0 ? 5 * 3600 : 7 * 3600;
        }
        var ar = PolicyRuns.Run("{model: hybrid-histogram}", calls);
        // the first call, then five gaps past the 4 h fallback before min_samples (5) idle times are
        // known; from then on the fit (x[t] = c − x[t−1] on the logs) predicts 7 h after a 5 h gap and
        // vice versa, and the pre-warm (0.85 × forecast) lands before each call
        Assert.Equal("CCCCCC" + new string('W', 10), ar.Types);
        var p = ar.Policy<HybridHistogramPolicy>();
        Assert.Equal(HybridMode.Forecast, p.Windows(0).Mode);
        var (idle, order) = p.Forecast(0);
        Assert.Equal(1, order);
        // the last gap was 5 h: next is 7 h (less the call, and a second or so: the first idle times follow cold starts)
        Assert.InRange(idle / 1e6, 7 * 3600 - 2, 7 * 3600);
        // the mean of the history (≈ 6 h) pre-warms too late for a 5 h gap and unloads too early for a 7 h one
        var mean = PolicyRuns.Run("{model: hybrid-histogram, forecast: mean}", calls);
        Assert.Equal(new string('C', 16), mean.Types);
    }
}
