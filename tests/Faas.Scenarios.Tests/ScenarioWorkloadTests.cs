using Faas.Backends.Sim;
using Faas.Engine;
using Faas.Experiments;
using Faas.TestSupport;
using Faas.Workloads;
using Faas.Workloads.Traces;

namespace Faas.Scenarios.Tests;

/// <summary>The <c>workload:</c> scenario key, the trace scenarios in scenarios/, and trace replays through the simulator.</summary>
public class ScenarioWorkloadTests
{
    private static string Yaml(string workload, string extra = "", string models = "  - {model: keep-alive}") => $"""
        name: trace-test
        {extra}
        runtimes:
          - {"{"}name: python, memory: 256MiB, cold_start: {"{"}dist: constant, value: 500ms{"}"}{"}"}
          - {"{"}name: node, memory: 128MiB, cold_start: {"{"}dist: constant, value: 400ms{"}"}{"}"}
        workload:
        {workload}
        models:
        {models}
        """;

    private static Scenario LoadIn(TempFolder tmp, string yaml)
    {
        string path = tmp.Write("scenario.yaml", yaml);
        return ScenarioLoader.LoadFile(path);
    }

    private static string Azure2019Keys(string extra = "") => $"""
          trace: azure2019
          invocations: {TraceFiles.Invocations}
          durations: {TraceFiles.Durations}
          memory: {TraceFiles.Memory}
        {extra}
        """;

    [Fact]
    public void RelativePathsResolveAgainstTheScenarioFile()
    {
        // the sample scenario names traces/... relative to scenarios/
        var s = ScenarioLoader.LoadFile(Path.Combine(TraceFiles.Scenarios, "azure2019-sample.yaml"));
        Assert.NotNull(s.Workload);
        Assert.Equal(SimDuration.FromMinutes(30), s.Duration); // minutes 481-510
        Assert.All(s.Functions, f => Assert.Null(f.Arrivals));
        Assert.All(s.Functions, f => Assert.NotNull(f.App));
    }

    [Fact]
    public void DurationDefaultsToTheTracesSpanAndFunctionsAreAppendedAfterDeclaredOnes()
    {
        using var tmp = new TempFolder();
        var s = LoadIn(tmp, Yaml(Azure2019Keys("  minutes: 1-30\n  runtime: {http: node, default: python}"),
            extra: "functions:\n  - {name: own, runtime: python, exec: {dist: constant, value: 1s}, arrivals: {process: periodic, period: 1m}}"));
        Assert.Equal(SimDuration.FromMinutes(30), s.Duration);
        Assert.Equal("own", s.Functions[0].Name);
        int active = TraceFiles.NaiveInvocations().Values.Count(v => v.Counts.Take(30).Sum() > 0);
        Assert.Equal(1 + active, s.Functions.Count);
        var w = Assert.IsType<Azure2019Trace>(s.Workload);
        Assert.Equal(1, w.FirstFunction);
        var naive = TraceFiles.NaiveInvocations();
        foreach (var f in s.Functions.Skip(1))
        {
            var trigger = w.Functions.Single(x => x.Name == f.Name).Trigger;
            Assert.Equal(trigger == "http" ? 1 : 0, f.RuntimeIndex);
        }
        Assert.Equal(w.TotalCalls + 30, s.ExpectedCalls, 6);
    }

    [Theory]
    [InlineData("  trace: azure2020", "unknown trace 'azure2020'")]
    [InlineData("  trace: azure2021\n  file: nowhere.csv", "file not found")]
    [InlineData("  trace: azure2021\n  file: x.csv\n  colour: blue", "unknown option 'colour' for trace azure2021")]
    [InlineData("  trace: synthetic\n  functions: 0", "'functions'")]
    [InlineData("  trace: synthetic\n  runtime: java", "unknown runtime 'java'")]
    [InlineData("  trace: synthetic", "give 'runtime'")]
    public void BadWorkloadsAreLocatedErrors(string workload, string expected)
    {
        using var tmp = new TempFolder();
        tmp.Write("x.csv", "app,func,end_timestamp,duration\na,b,1,0.5\n");
        var e = Assert.Throws<ScenarioException>(() => LoadIn(tmp, Yaml(workload)));
        Assert.Contains(expected, e.Message);
        Assert.Contains("scenario.yaml:", e.Message);
    }

    [Fact]
    public void AnUnmappedTriggerNamesTheInvocationRow()
    {
        using var tmp = new TempFolder();
        var e = Assert.Throws<ScenarioException>(() => LoadIn(tmp, Yaml(Azure2019Keys("  runtime: {http: node}"))));
        Assert.Contains("azure2019_invitro10_invocations.csv:3:4", e.Message);
        Assert.Contains("trigger 'event' has no runtime", e.Message);
    }

    [Fact]
    public void TooManyFunctionsRequestedIsAnError()
    {
        using var tmp = new TempFolder();
        var e = Assert.Throws<ScenarioException>(() => LoadIn(tmp, Yaml(Azure2019Keys("  functions: 11\n  runtime: python"))));
        Assert.Contains("only 10 are eligible", e.Message);
    }

    [Fact]
    public void FaasCachePresetSetsEvenSpreadAverageExecAndMaximumColdCalls()
    {
        using var tmp = new TempFolder();
        var s = LoadIn(tmp, Yaml(Azure2019Keys("  preset: faascache\n  minutes: 1-3\n  runtime: python")));
        var w = Assert.IsType<Azure2019Trace>(s.Workload);
        Assert.Equal(MinuteSpread.Even, w.Options.Spread);
        int fi = s.Functions.ToList().FindIndex(x => w.Functions.Single(t => t.Name == x.Name).Key.Contains("47658c9cff05"));
        var f = s.Functions[fi];
        Assert.Equal(SimDuration.FromMilliseconds(306), f.Exec.Sample(new Random(1)));            // Average
        Assert.Equal(SimDuration.FromMilliseconds(144874 - 306), f.ColdStart!.Sample(new Random(1))); // Maximum − Average
        // a cold call of it lasts the Maximum, a warm one the Average (runtime init is 0 here)
        var obs = new CollectingObserver();
        new SimulationRun(s, s.Models[0], 0, obs).Run();
        var mine = obs.Records.Where(r => r.Function == fi && r.Queue.Micros == 0).ToList();
        Assert.Contains(mine, r => r.StartType == Faas.Platform.StartType.Cold);
        Assert.Contains(mine, r => r.StartType == Faas.Platform.StartType.Warm);
        Assert.All(mine, r => Assert.Equal(r.StartType == Faas.Platform.StartType.Cold ? 144874_000 : 306_000, r.Latency.Micros));
    }

    public static IEnumerable<object[]> ScenarioFiles() =>
        new[] { "azure2019-sample.yaml", "azure2021-sample.yaml", "synthetic-day.yaml", "faascache-replay.yaml" }.Select(f => new object[] { f });

    [Theory]
    [MemberData(nameof(ScenarioFiles))]
    public void EveryTraceScenarioRunsEveryModel(string file)
    {
        var s = ScenarioLoader.LoadFile(Path.Combine(TraceFiles.Scenarios, file));
        s.ValidateModels();
        var shortRun = s with { Duration = SimDuration.FromSeconds(Math.Min(s.Duration.Seconds, 300)) };
        foreach (var m in s.Models)
        {
            var obs = new CollectingObserver(keepRecords: false);
            var r = new SimulationRun(shortRun, m, 0, obs).Run();
            Assert.True(r.Invocations > 0, $"{file} {m.Label}: no calls");
            Assert.Equal(r.Invocations, obs.Count);
        }
    }

    [Fact]
    public void Azure2021ReplayUsesEachCallsRecordedDuration()
    {
        var s = ScenarioLoader.LoadFile(Path.Combine(TraceFiles.Scenarios, "azure2021-sample.yaml"));
        var obs = new CollectingObserver();
        new SimulationRun(s, s.Models[0], 0, obs).Run();
        var naive = File.ReadLines(TraceFiles.Azure2021).Skip(1).Select(l => (long)Math.Round(double.Parse(l.Split(',')[3], System.Globalization.CultureInfo.InvariantCulture) * 1e6)).Order();
        Assert.Equal(naive, obs.Records.Select(r => r.Exec.Micros).Order());
    }

    [Fact]
    public void SameSeedGivesByteIdenticalCsvsForTraceReplays()
    {
        var s = ScenarioLoader.LoadFile(Path.Combine(TraceFiles.Scenarios, "azure2019-sample.yaml"));
        s = s with { Duration = SimDuration.FromMinutes(2), Models = s.Models.Take(3).ToList() };
        using var tmp = new TempFolder();
        ExperimentRunner.Run(s, new ExperimentOptions(Path.Combine(tmp.Dir, "a"), Workers: 1));
        ExperimentRunner.Run(s, new ExperimentOptions(Path.Combine(tmp.Dir, "b"), Workers: 3));
        foreach (var f in new[] { "invocations.csv", "summary.csv", "timeseries.csv" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(tmp.Dir, "a", f)), File.ReadAllBytes(Path.Combine(tmp.Dir, "b", f)));
        Assert.True(new FileInfo(Path.Combine(tmp.Dir, "a", "invocations.csv")).Length > 100_000);
    }

    [Fact]
    public void MemoryDoesNotGrowWithCalls()
    {
        // allocation during a run must not scale with the calls: 10x the calls, about the same bytes
        long Allocated(double callsPerDay)
        {
            using var tmp = new TempFolder();
            var s = LoadIn(tmp, Yaml("  trace: synthetic\n  functions: 300\n  runtime: python\n  calls_per_day: " + callsPerDay.ToString(System.Globalization.CultureInfo.InvariantCulture),
                extra: "duration: 6h", models: "  - {model: keep-alive}"));
            var run = new SimulationRun(s, s.Models[0], 0);
            long before = GC.GetAllocatedBytesForCurrentThread();
            var r = run.Run();
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        Allocated(1e4); // warm-up (JIT)
        long small = Allocated(4e5), big = Allocated(4e6);
        Assert.True(big < small * 2 + (4 << 20), $"allocated {small} bytes for 1e5 calls and {big} for 1e6");
        Assert.True(big / 1e6 < 8, $"{big / 1e6:0.0} bytes per call");
    }
}
