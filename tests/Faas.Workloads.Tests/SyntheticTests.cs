using Faas.Engine;
using Faas.Workloads.Traces;

namespace Faas.Workloads.Tests;

/// <summary>The synthetic Azure-like population: the fitted shape, the scale knob, streaming.</summary>
public class SyntheticTests
{
    [Fact]
    public void PopulationMatchesThePublishedShape()
    {
        var p = SyntheticPopulation.Generate(new SyntheticOptions(Functions: 40_000, PopulationSeed: 11), 0, 0, 1);
        Assert.Equal(40_000, p.Functions.Count);
        Assert.InRange(p.HourlyOrLessAppFraction, 0.43, 0.47);    // ~45% of apps called at most hourly
        Assert.InRange(p.FastFunctionFraction, 0.19, 0.23);       // ~20% of functions average under 100 ms
        Assert.InRange(p.SmallAppFraction, 0.48, 0.52);           // ~50% of apps at most 170 MB
        var perDay = p.Functions.Select((f, i) => i).ToList();
        Assert.True(p.Functions.Select(f => f.App).Distinct().Count() < 40_000 * 0.6, "apps group several functions");
    }

    [Fact]
    public void ScaleKnobSetsTheExpectedCallsAndTheStreamDelivers()
    {
        var p = SyntheticPopulation.Generate(new SyntheticOptions(Functions: 500, CallsPerDay: 200_000, Minutes: 1440, PopulationSeed: 3), 2, 0, 1);
        Assert.Equal(200_000, p.ExpectedCalls, 3);
        var s = p.CreateStream(9, SimTime.Zero + p.Span);
        long n = 0;
        var last = SimTime.Zero;
        while (s.TryNext(out var t, out int f))
        {
            Assert.InRange(f, 2, 501);
            Assert.True(t >= last);
            last = t;
            n++;
        }
        Assert.InRange(n, 200_000 - 5 * Math.Sqrt(200_000), 200_000 + 5 * Math.Sqrt(200_000)); // a sum of Poisson counts
    }

    [Fact]
    public void SameSeedsSameCalls()
    {
        var o = new SyntheticOptions(Functions: 200, CallsPerDay: 50_000, Minutes: 60, Amplitude: 0.5, PopulationSeed: 4);
        var a = SyntheticPopulation.Generate(o, 0, 0, 1);
        var b = SyntheticPopulation.Generate(o, 0, 0, 1);
        Assert.Equal(a.Functions.Select(f => (f.MemoryBytes, f.Exec.MeanSeconds)), b.Functions.Select(f => (f.MemoryBytes, f.Exec.MeanSeconds)));
        static List<(SimTime, int)> Drain(SyntheticPopulation p, ulong seed)
        {
            var s = p.CreateStream(seed, SimTime.Zero + p.Span);
            var l = new List<(SimTime, int)>();
            while (s.TryNext(out var t, out int f)) l.Add((t, f));
            return l;
        }
        Assert.Equal(Drain(a, 1), Drain(b, 1));
        Assert.NotEqual(Drain(a, 1), Drain(a, 2));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(3.0)]
    [InlineData(40.0)]
    [InlineData(900.0)]
    public void PoissonSamplerHasTheRightMeanAndVariance(double mean)
    {
        var rng = new Pcg32Random(17);
        const int n = 200_000;
        double sum = 0, sumSq = 0;
        for (int i = 0; i < n; i++)
        {
            double x = PoissonSampler.Sample(rng, mean);
            sum += x;
            sumSq += x * x;
        }
        double m = sum / n, v = sumSq / n - m * m;
        Assert.InRange(m, mean - 5 * Math.Sqrt(mean / n), mean + 5 * Math.Sqrt(mean / n));
        Assert.InRange(v / mean, 0.97, 1.03);
    }
}
