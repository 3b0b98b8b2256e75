using Faas.Engine;
using Faas.Workloads.Arrivals;

namespace Faas.Workloads.Tests;

public class ArrivalTests
{
    private static List<SimTime> Draw(ArrivalProcess p, SimDuration horizon, ulong seed = 1)
    {
        var s = p.CreateStream(new Pcg32Random(seed), 0, SimTime.Zero + horizon);
        var list = new List<SimTime>();
        while (s.TryNext(out var t, out int fn))
        {
            Assert.Equal(0, fn);
            list.Add(t);
        }
        return list;
    }

    [Theory]
    [InlineData("poisson", 2.0)]
    [InlineData("on-off", 0.5)]
    [InlineData("diurnal", 1.0)]
    public void LongRunRateMatchesTheDeclaredMean(string kind, double expectedRate)
    {
        ArrivalProcess p = kind switch
        {
            "poisson" => new PoissonArrivals(SimDuration.FromMilliseconds(500)),
            "on-off" => new OnOffArrivals(SimDuration.FromSeconds(10), SimDuration.FromSeconds(30), SimDuration.FromMilliseconds(500)),
            _ => new DiurnalArrivals(SimDuration.FromSeconds(1), 0.8, SimDuration.FromHours(14)),
        };
        Assert.Equal(expectedRate, p.MeanRatePerSecond, 9);
        var horizon = SimDuration.FromHours(48);
        var reps = Enumerable.Range(1, 10).Select(i => Draw(p, horizon, (ulong)i).Count / horizon.Seconds).ToList();
        double mean = reps.Average();
        double sd = Math.Sqrt(reps.Sum(x => (x - mean) * (x - mean)) / (reps.Count - 1));
        double half = 3.25 * sd / Math.Sqrt(reps.Count); // t(0.995, 9)
        Assert.InRange(expectedRate, mean - half, mean + half);
    }

    [Fact]
    public void ArrivalsAreOrderedAndInsideTheHorizon()
    {
        var times = Draw(new OnOffArrivals(SimDuration.FromSeconds(5), SimDuration.FromSeconds(5), SimDuration.FromMilliseconds(100)), SimDuration.FromMinutes(30));
        Assert.True(times.Count > 1000);
        Assert.Equal(times.Order(), times);
        Assert.All(times, t => Assert.InRange(t.Micros, 0, SimDuration.FromMinutes(30).Micros - 1));
    }

    [Fact]
    public void PeriodicWithoutJitterIsExactlyPeriodic()
    {
        var times = Draw(new PeriodicArrivals(SimDuration.FromSeconds(10), SimDuration.Zero, SimDuration.FromSeconds(3)), SimDuration.FromMinutes(1));
        Assert.Equal([3, 13, 23, 33, 43, 53], times.Select(t => t.Micros / 1_000_000));
    }

    [Fact]
    public void DiurnalRateFollowsTheDay()
    {
        var p = new DiurnalArrivals(SimDuration.FromSeconds(1), 0.5, SimDuration.FromHours(14));
        Assert.Equal(1.5, p.RateAt(14 * 3600), 9);
        Assert.Equal(0.5, p.RateAt(2 * 3600), 9);
        var times = Draw(p, SimDuration.FromHours(48));
        int peak = times.Count(t => Math.Abs(t.Seconds % 86400 - 14 * 3600) < 3600);
        int trough = times.Count(t => Math.Abs(t.Seconds % 86400 - 2 * 3600) < 3600);
        Assert.True(peak > 2 * trough, $"peak hour {peak} vs trough hour {trough}");
    }
}
