using Faas.Platform.Results;

namespace Faas.Platform.Tests;

/// <summary>The one summariser: counts, latency quantiles (histogram or exact) and queue time; table figures or measured ones.</summary>
public class RunMetricsTests
{
    private static RunMetrics Fill(RunMetrics m)
    {
        for (int ms = 1; ms <= 10; ms++)
        {
            m.OnArrival();
            m.Add(CallStatus.Completed, ms <= 2 ? StartType.Cold : StartType.Warm, ms * 1000L, 100);
        }
        m.OnArrival();
        m.Add(CallStatus.Dropped, StartType.Cold, 99_000, 99_000); // no latency, no queue time
        m.OnArrival();
        m.Add(CallStatus.Failed, StartType.Warm, 99_000, 99_000);
        return m;
    }

    [Fact]
    public void AMeasuredSummaryCountsEveryCallAndQuotesExactNearestRankQuantiles()
    {
        var s = Fill(new RunMetrics(new ExactLatencies())).Summarise("s", "m", 0, 1, idleMemGbS: 2.5, containersCreated: 3, endSeconds: 9);
        Assert.Equal((12L, 2L, 8L, 1L, 1L), (s.Invocations, s.Cold, s.Warm, s.Dropped, s.Failed));
        Assert.Equal((5.0, 10.0, 10.0, 5.5), (s.P50Ms, s.P95Ms, s.P99Ms, s.MeanMs));
        Assert.Equal(0.1, s.MeanQueueMs, 12);
        Assert.Equal((2.5, 3L, 9.0), (s.IdleMemGbS, s.ContainersCreated, s.EndSeconds));
        Assert.True(double.IsNaN(s.MeanContainers)); // a replay does not integrate container counts
    }

    [Fact]
    public void TheHistogramAgreesWithTheExactQuantilesBelowOneMillisecondResolution()
    {
        var h = Fill(new RunMetrics());
        var e = Fill(new RunMetrics(new ExactLatencies()));
        var a = h.Summarise("s", "m", 0, 1, 0, 0, 1);
        var b = e.Summarise("s", "m", 0, 1, 0, 0, 1);
        Assert.Equal(b.P50Ms, a.P50Ms, 1);
        Assert.Equal(b.MeanMs, a.MeanMs, 9);
        Assert.Equal(h.Ended, h.Arrivals);
    }

    [Fact]
    public void NearestRankIsAValueOfTheSet()
    {
        double[] v = [4, 1, 3, 2, 5, 10, 9, 8, 7, 6];
        Assert.Equal(5, NearestRank.Quantile(v, 0.5));
        Assert.Equal(10, NearestRank.Quantile(v, 0.95));
        Assert.Equal(1, NearestRank.Quantile(v, 0.01));
        Assert.True(double.IsNaN(NearestRank.Quantile([], 0.5)));
    }
}
