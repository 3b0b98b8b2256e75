using Faas.Engine;
using Faas.TestSupport;
using Faas.Workloads.Distributions;
using Faas.Workloads.Traces;

namespace Faas.Workloads.Tests;

/// <summary>The Azure 2019 reader against a naive parse of the real invitro sample.</summary>
public class Azure2019Tests
{
    private static Azure2019Trace Load(Azure2019Options? o = null, int firstFunction = 0) =>
        Azure2019Trace.Load(o ?? new Azure2019Options([TraceFiles.Invocations], TraceFiles.Durations, TraceFiles.Memory),
            firstFunction, (_, _) => 0, _ => 128L << 20, out _);

    private static List<(SimTime Time, int Function)> Drain(Faas.Workloads.Arrivals.IArrivalStream s)
    {
        var list = new List<(SimTime, int)>();
        while (s.TryNext(out var t, out int f)) list.Add((t, f));
        return list;
    }

    [Fact]
    public void ReadsTenFunctionsWithTheirDailyCalls()
    {
        var t = Load();
        var naive = TraceFiles.NaiveInvocations();
        Assert.Equal(10, t.Population);
        Assert.Equal(10, t.Eligible);
        Assert.Equal(10, t.Functions.Count);
        Assert.Equal(13_037_064, t.TotalCalls);
        Assert.Equal(1440, t.Minutes);
        foreach (var f in t.Functions)
        {
            string hash = f.Key.Split(',')[2];
            Assert.Equal(naive[hash].Counts.Sum(), f.Calls);
            Assert.Equal(naive[hash].Trigger, f.Trigger);
            Assert.Equal(naive[hash].App, f.App);
        }
        Assert.Equal(5, t.Functions.Count(f => f.Trigger == "queue"));
    }

    [Fact]
    public void StreamKeepsEveryPerMinuteCountOfEveryFunction()
    {
        var o = new Azure2019Options([TraceFiles.Invocations], TraceFiles.Durations, TraceFiles.Memory, FirstMinute: 601, LastMinute: 660);
        var t = Load(o, firstFunction: 3);
        var calls = Drain(t.CreateStream(42, SimTime.Zero + t.Span));
        var naive = TraceFiles.NaiveInvocations();
        Assert.Equal(t.TotalCalls, calls.Count);
        Assert.True(calls.Zip(calls.Skip(1)).All(p => p.First.Time <= p.Second.Time), "calls come in time order");
        var perMinute = calls.GroupBy(c => (Minute: c.Time.Micros / 60_000_000, c.Function)).ToDictionary(g => g.Key, g => g.Count());
        for (int f = 0; f < t.Functions.Count; f++)
        {
            var counts = naive[t.Functions[f].Key.Split(',')[2]].Counts;
            for (int m = 0; m < 60; m++)
                Assert.Equal(counts[600 + m], perMinute.GetValueOrDefault((m, f + 3)));
        }
    }

    [Fact]
    public void FullDayStreamYieldsEveryCall()
    {
        var t = Load();
        var s = t.CreateStream(1, SimTime.Zero + t.Span);
        long n = 0;
        var last = SimTime.Zero;
        while (s.TryNext(out var time, out _))
        {
            Assert.True(time >= last);
            last = time;
            n++;
        }
        Assert.Equal(13_037_064, n);
        Assert.True(last < SimTime.Zero + SimDuration.FromHours(24));
    }

    [Fact]
    public void EvenSpreadPutsTheIthOfNCallsAtMinuteStartPlusISixtySecondsOverN()
    {
        var o = new Azure2019Options([TraceFiles.Invocations], TraceFiles.Durations, TraceFiles.Memory, Spread: MinuteSpread.Even, FirstMinute: 1, LastMinute: 3);
        var t = Load(o);
        var calls = Drain(t.CreateStream(7, SimTime.Zero + t.Span));
        foreach (var g in calls.GroupBy(c => (c.Time.Micros / 60_000_000, c.Function)))
        {
            var offsets = g.Select(c => c.Time.Micros % 60_000_000).Order().ToList();
            int n = offsets.Count;
            Assert.Equal(Enumerable.Range(0, n).Select(i => i * 60_000_000L / n), offsets);
        }
        // and it does not depend on the seed
        Assert.Equal(calls, Drain(t.CreateStream(8, SimTime.Zero + t.Span)));
    }

    [Fact]
    public void UniformSpreadDependsOnlyOnTheSeed()
    {
        var o = new Azure2019Options([TraceFiles.Invocations], TraceFiles.Durations, TraceFiles.Memory, FirstMinute: 1, LastMinute: 2);
        var t = Load(o);
        var end = SimTime.Zero + t.Span;
        Assert.Equal(Drain(t.CreateStream(5, end)), Drain(t.CreateStream(5, end)));
        Assert.NotEqual(Drain(t.CreateStream(5, end)), Drain(t.CreateStream(6, end)));
    }

    [Fact]
    public void ExecutionTimeFollowsTheFunctionsPercentiles()
    {
        var t = Load();
        var f = t.Functions.Single(x => x.Key.Contains("47658c9cff05"));
        var e = Assert.IsType<EmpiricalDistribution>(f.Exec);
        Assert.Equal(0.282, e.Quantile(0.50), 9);   // percentile_Average_50 = 282 ms
        Assert.Equal(0.481, e.Quantile(0.99), 9);
        Assert.Equal(130.686, e.Quantile(1.0), 9);
        var avg = Load(new Azure2019Options([TraceFiles.Invocations], TraceFiles.Durations, TraceFiles.Memory, ExecFromAverage: true))
            .Functions.Single(x => x.Key.Contains("47658c9cff05"));
        Assert.Equal(SimDuration.FromMilliseconds(306), Assert.IsType<ConstantDistribution>(avg.Exec).Value);
    }

    [Fact]
    public void MemoryIsTheAppsAverageSplitAcrossItsFunctions()
    {
        using var tmp = new TempFolder();
        // give the first function's app a second function (a copy of line 3 under line 2's app)
        var lines = File.ReadAllLines(TraceFiles.Invocations).ToList();
        var second = lines[2].Split(',');
        var first = lines[1].Split(',');
        second[0] = first[0];
        second[1] = first[1];
        lines[2] = string.Join(",", second);
        string inv = tmp.Write("inv.csv", string.Join("\n", lines) + "\n");
        var durLines = File.ReadAllLines(TraceFiles.Durations).ToList();
        var d2 = durLines[2].Split(',');
        d2[0] = first[0];
        d2[1] = first[1];
        durLines[2] = string.Join(",", d2);
        string dur = tmp.Write("dur.csv", string.Join("\n", durLines) + "\n");
        var t = Azure2019Trace.Load(new Azure2019Options([inv], dur, TraceFiles.Memory), 0, (_, _) => 0, _ => 128L << 20, out _);
        var app = first[0] + "," + first[1];
        var inApp = t.Functions.Where(f => f.App == app).ToList();
        Assert.Equal(2, inApp.Count);
        Assert.All(inApp, f => Assert.Equal((long)Math.Round(204 / 2.0 * (1 << 20)), f.MemoryBytes)); // AverageAllocatedMb 204, two functions
        var whole = Azure2019Trace.Load(new Azure2019Options([inv], dur, TraceFiles.Memory, AppMemory: AppMemory.Whole), 0, (_, _) => 0, _ => 128L << 20, out _);
        Assert.All(whole.Functions.Where(f => f.App == app), f => Assert.Equal(204L << 20, f.MemoryBytes));
    }

    [Fact]
    public void MemoryFileWithAndWithoutInvitrosHashFunctionColumnReadsTheSame()
    {
        using var tmp = new TempFolder();
        var twelve = File.ReadAllLines(TraceFiles.Memory).Select(l => { var f = l.Split(',').ToList(); f.RemoveAt(2); return string.Join(",", f); });
        string path = tmp.Write("mem12.csv", string.Join("\n", twelve) + "\n");
        var a = Azure2019Trace.ReadMemory(TraceFiles.Memory);
        var b = Azure2019Trace.ReadMemory(path);
        Assert.Equal(10, a.Count);
        Assert.Equal(a.OrderBy(x => x.Key), b.OrderBy(x => x.Key));
    }

    [Theory]
    [InlineData(TraceSampling.Random)]
    [InlineData(TraceSampling.Quartiles)]
    [InlineData(TraceSampling.Top)]
    public void SamplingIsDeterministicForASeed(TraceSampling sampling)
    {
        Azure2019Trace L(ulong seed) => Load(new Azure2019Options([TraceFiles.Invocations], TraceFiles.Durations, TraceFiles.Memory, Functions: 4, Sampling: sampling, SampleSeed: seed));
        var a = L(1);
        Assert.Equal(4, a.Functions.Count);
        Assert.Equal(a.Functions.Select(f => f.Key), L(1).Functions.Select(f => f.Key));
        Assert.True(a.Functions.Zip(a.Functions.Skip(1)).All(p => p.First.Row < p.Second.Row), "kept in file order");
    }

    [Fact]
    public void QuartilesTakeOneFunctionFromEachQuarterAndTopTakesTheBusiest()
    {
        var all = Load().Functions.OrderBy(f => f.Calls).ToList(); // 10 functions: quartiles of 2, 3, 2, 3 (cut at 10·q/4)
        int[] cut = [0, 2, 5, 7, 10];
        for (ulong seed = 1; seed <= 5; seed++)
        {
            var q = Load(new Azure2019Options([TraceFiles.Invocations], TraceFiles.Durations, TraceFiles.Memory, Functions: 4, Sampling: TraceSampling.Quartiles, SampleSeed: seed));
            for (int k = 0; k < 4; k++)
            {
                var group = all.GetRange(cut[k], cut[k + 1] - cut[k]).Select(f => f.Key).ToHashSet();
                Assert.Single(q.Functions, f => group.Contains(f.Key));
            }
        }
        var top = Load(new Azure2019Options([TraceFiles.Invocations], TraceFiles.Durations, TraceFiles.Memory, Functions: 3, Sampling: TraceSampling.Top));
        Assert.Equal(all.TakeLast(3).Select(f => f.Key).Order(), top.Functions.Select(f => f.Key).Order());
    }

    [Fact]
    public void FunctionsWithoutCallsInTheSelectedMinutesAreNotEligible()
    {
        var naive = TraceFiles.NaiveInvocations();
        int quiet = naive.Values.Count(v => v.Counts.Skip(480).Take(120).Sum() == 0);
        Assert.True(quiet > 0);
        var t = Load(new Azure2019Options([TraceFiles.Invocations], TraceFiles.Durations, TraceFiles.Memory, FirstMinute: 481, LastMinute: 600));
        Assert.Equal(10 - quiet, t.Eligible);
    }

    [Fact]
    public void TwoDayFilesMakeOneTimeline()
    {
        var o = new Azure2019Options([TraceFiles.Invocations, TraceFiles.Invocations], TraceFiles.Durations, TraceFiles.Memory, FirstMinute: 1435, LastMinute: 1445);
        var t = Load(o);
        var naive = TraceFiles.NaiveInvocations();
        long expected = naive.Values.Sum(v => v.Counts[1434..].Sum() + v.Counts[..5].Sum());
        Assert.Equal(expected, t.TotalCalls);
        Assert.Equal(11, t.Minutes);
    }

    public static IEnumerable<object[]> Malformed() =>
    [
        ["invocations", 5, (Func<string, string>)(l => l.Replace(",0,", ",x,")), "row 5, column 372 ('368'): expected a non-negative whole number, got 'x'"],
        ["invocations", 3, (Func<string, string>)(l => l[..l.LastIndexOf(',')]), "row 3: expected 1444 comma-separated fields, found 1443"],
        ["invocations", 6, (Func<string, string>)(l => l.Replace(",0,", ",-3,")), "row 6, column 5 ('1'): expected a non-negative whole number, got '-3'"],
        ["invocations", 1, (Func<string, string>)(l => l.Replace("Trigger", "Trig")), "header column 4 should be 'Trigger'"],
        ["durations", 4, (Func<string, string>)(l => { var f = l.Split(','); (f[10], f[11]) = ("9999", "1"); return string.Join(",", f); }), "row 4, column 12 ('percentile_Average_75'): percentiles must not decrease"],
        ["durations", 6, (Func<string, string>)(l => l + ",7"), "row 6: expected 14 comma-separated fields, found 15"],
        ["memory", 2, (Func<string, string>)(l => l.Replace(",204,", ",lots,")), "row 2, column 5 ('AverageAllocatedMb'): expected a number, got 'lots'"],
    ];

    [Theory]
    [MemberData(nameof(Malformed))]
    public void MalformedRowsAreRejectedWithFileAndRow(string which, int line, Func<string, string> edit, string expected)
    {
        using var tmp = new TempFolder();
        string inv = TraceFiles.Invocations, dur = TraceFiles.Durations, mem = TraceFiles.Memory;
        string bad = TraceFiles.Corrupt(tmp, which switch { "invocations" => inv, "durations" => dur, _ => mem }, line, edit);
        if (which == "invocations") inv = bad; else if (which == "durations") dur = bad; else mem = bad;
        var e = Assert.Throws<ScenarioException>(() => Azure2019Trace.Load(new Azure2019Options([inv], dur, mem), 0, (_, _) => 0, _ => 1, out _));
        Assert.Contains(expected, e.Message);
        Assert.StartsWith(bad + ":" + line, e.Message);
    }
}
