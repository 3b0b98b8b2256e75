using System.Globalization;
using Faas.Engine;
using Faas.TestSupport;
using Faas.Workloads.Traces;

namespace Faas.Workloads.Tests;

/// <summary>The Azure 2021 reader against a naive parse of the real invitro sample.</summary>
public class Azure2021Tests
{
    private static Azure2021Trace Load(string? file = null, SimDuration window = default, int? functions = null) =>
        Azure2021Trace.Load(new Azure2021Options(file ?? TraceFiles.Azure2021, functions, ReorderWindow: window), 0, 0, _ => 256L << 20);

    private static List<(long Start, long Exec, string Key)> Naive(string? file = null) =>
        File.ReadLines(file ?? TraceFiles.Azure2021).Skip(1).Where(l => l.Length > 0).Select(l =>
        {
            var f = l.Split(',');
            long dur = (long)Math.Round(double.Parse(f[3], CultureInfo.InvariantCulture) * 1e6);
            long end = (long)Math.Round(double.Parse(f[2], CultureInfo.InvariantCulture) * 1e6);
            return (Math.Max(0, end - dur), dur, f[0] + "," + f[1]);
        }).ToList();

    private static List<(SimTime Time, int Function, SimDuration Exec)> Drain(ITraceWorkload t)
    {
        var s = (ITracedCallStream)t.CreateStream(1, SimTime.Zero + t.Span);
        var list = new List<(SimTime, int, SimDuration)>();
        while (s.TryNext(out var time, out int f)) list.Add((time, f, s.Exec));
        return list;
    }

    [Fact]
    public void ReadsEveryRowAndFunction()
    {
        var t = Load();
        var naive = Naive();
        Assert.Equal(199, t.Rows);
        Assert.Equal(naive.Count, t.Rows);
        Assert.Equal(naive.Select(n => n.Key).Distinct().Count(), t.Population);
        Assert.Equal(31, t.Functions.Count);
        Assert.Equal(13, t.Functions.Select(f => f.App).Distinct().Count());
        Assert.Equal(199, t.TotalCalls);
        Assert.True(t.Span.Seconds > naive.Max(n => n.Start) / 1e6);
    }

    [Fact]
    public void EachCallStartsAtEndMinusDurationAndRunsForItsDuration()
    {
        var t = Load();
        var calls = Drain(t);
        var naive = Naive().OrderBy(n => n.Start).ToList();
        Assert.Equal(naive.Count, calls.Count);
        for (int i = 0; i < calls.Count; i++)
        {
            Assert.Equal(naive[i].Start, calls[i].Time.Micros);
            Assert.Equal(naive[i].Exec, calls[i].Exec.Micros);
            Assert.Equal(naive[i].Key, t.Functions[calls[i].Function].Key);
        }
    }

    [Fact]
    public void RowsOutOfStartOrderFailWithTheirLineUnlessWithinTheReorderWindow()
    {
        using var tmp = new TempFolder();
        var lines = File.ReadAllLines(TraceFiles.Azure2021).ToList();
        (lines[50], lines[60]) = (lines[60], lines[50]); // line 61's later call now on line 51: line 52 starts before it
        string path = tmp.Write("shuffled.csv", string.Join("\n", lines));
        var e = Assert.Throws<ScenarioException>(() => Load(path));
        Assert.StartsWith(path + ":52:", e.Message);
        Assert.Contains("row 52", e.Message);
        Assert.Contains("line 51", e.Message);
        Assert.Contains("reorder_window", e.Message);
        var t = Load(path, SimDuration.FromMinutes(10));
        var calls = Drain(t);
        Assert.Equal(199, calls.Count);
        Assert.True(calls.Zip(calls.Skip(1)).All(p => p.First.Time <= p.Second.Time), "released in start order");
        Assert.Equal(Naive().Select(n => n.Start).Order(), calls.Select(c => c.Time.Micros));
    }

    [Theory]
    [InlineData(7, "a,b,notanumber,0.5", "row 7, column 3 ('end_timestamp'): expected a number, got 'notanumber'")]
    [InlineData(9, "a,b,10", "row 9: expected 4 comma-separated fields, found 3")]
    [InlineData(3, ",b,10,1", "row 3, column 1 ('app'): expected a non-empty app hash")]
    [InlineData(4, "a,b,10,-1", "row 4, column 4 ('duration'): expected a number >= 0")]
    public void MalformedRowsAreRejectedWithFileAndRow(int line, string row, string expected)
    {
        using var tmp = new TempFolder();
        string path = TraceFiles.Corrupt(tmp, TraceFiles.Azure2021, line, _ => row);
        var e = Assert.Throws<ScenarioException>(() => Load(path, SimDuration.FromHours(1)));
        Assert.Contains(expected, e.Message);
        Assert.StartsWith($"{path}:{line}:", e.Message);
    }

    [Fact]
    public void SampledFunctionsKeepOnlyTheirCalls()
    {
        var t = Load(functions: 5);
        Assert.Equal(5, t.Functions.Count);
        var calls = Drain(t);
        Assert.Equal(t.Functions.Sum(f => f.Calls), calls.Count);
        Assert.All(calls, c => Assert.InRange(c.Function, 0, 4));
    }
}
