using Faas.Workloads;
using Faas.Workloads.Distributions;

namespace Faas.Scenarios.Tests;

/// <summary>The fidelity keys: a runtime's start_contention / warm_dispatch / prewarm_dispatch, the top-level max_parallel_starts, and their profile form.</summary>
public sealed class FidelityKeysTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "faas-fidelity-keys-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N"));

    public FidelityKeysTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private static string Yaml(string runtimeExtra = "", string top = "") => $$$"""
        name: f
        duration: 1m
        {{{top}}}
        runtimes:
          - name: python
            cold_start: {dist: constant, value: 1s}
        {{{runtimeExtra}}}
        functions: [{name: f, runtime: python, exec: {dist: constant, value: 1ms}, arrivals: {process: poisson, rate: 1}}]
        models: [{model: keep-alive}]
        """;

    [Fact]
    public void Absent_keys_simulate_nothing()
    {
        var s = ScenarioLoader.Load(Yaml(), "f.yaml");
        Assert.Null(s.MaxParallelStarts);
        Assert.Null(s.Runtimes[0].StartContention);
        Assert.Null(s.Runtimes[0].WarmDispatch);
        Assert.Null(s.Runtimes[0].PrewarmDispatch);
    }

    [Fact]
    public void Reads_start_contention_dispatch_and_the_start_cap()
    {
        var s = ScenarioLoader.Load(Yaml("""
                start_contention: {1: 1s, 2: 1.5s, 4: 3s}
                warm_dispatch: {dist: constant, value: 2ms}
                prewarm_dispatch: {dist: lognormal, median: 4ms, p99: 20ms}
            """, "max_parallel_starts: 4"), "f.yaml");
        Assert.Equal(4, s.MaxParallelStarts);
        var c = s.Runtimes[0].StartContention!;
        Assert.Equal(1.0, c.Factor(1));
        Assert.Equal(1.5, c.Factor(2), 12);
        Assert.Equal(2.25, c.Factor(3), 12); // halfway between 1.5 s and 3 s
        Assert.Equal(3.0, c.Factor(4), 12);
        Assert.Equal(4.5, c.Factor(6), 12); // the last slope, 0.75 s per start, continued
        Assert.Equal(0.002, s.Runtimes[0].WarmDispatch!.MeanSeconds, 9);
        Assert.IsType<LogNormalDistribution>(s.Runtimes[0].PrewarmDispatch);
    }

    [Fact]
    public void A_falling_last_segment_extrapolates_flat()
    {
        var c = new StartContention([(1, 1000), (2, 3000), (4, 2000)]);
        Assert.Equal(2.5, c.Factor(3), 12);
        Assert.Equal(2.0, c.Factor(8), 12);
    }

    [Theory]
    [InlineData("    start_contention: {2: 2s, 4: 3s}", 7, "must include level 1")]
    [InlineData("    start_contention: {1: 1s, two: 2s}", 7, "level 'two'")]
    [InlineData("    start_contention: {1: 1s, 0: 2s}", 7, "level '0'")]
    [InlineData("    start_contention: {1: 1s, 2: 0s}", 7, "greater than zero")]
    [InlineData("    start_contention: {1: 1s, 2: fast}", 7, "level 2")]
    [InlineData("    start_contention: 2", 7, "must be a mapping")]
    [InlineData("    start_contention: {1: 1s, 1: 2s}", 7, "")]
    [InlineData("    warm_dispatch: {dist: constant}", 7, "warm_dispatch")]
    public void Malformed_runtime_keys_are_reported_at_their_line(string extra, int line, string message)
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(Yaml(extra), "bad.yaml"));
        Assert.Equal("bad.yaml", e.Location.File);
        Assert.Equal(line, e.Location.Line); // the extra line follows the cold_start line (line 6)
        Assert.True(e.Location.Column > 0);
        Assert.Contains(message, e.Message);
    }

    [Theory]
    [InlineData("max_parallel_starts: 0")]
    [InlineData("max_parallel_starts: many")]
    public void A_bad_start_cap_is_reported_at_its_line(string top)
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(Yaml(top: top), "bad.yaml"));
        Assert.Equal(3, e.Location.Line);
        Assert.Contains("max_parallel_starts", e.Message);
    }

    [Fact]
    public void A_profile_with_contention_and_dispatch_round_trips_and_applies()
    {
        var profile = new CalibrationProfile("m", "t", 3, [
            new RuntimeCalibration("python", "faas-runtime-python",
                new LogNormalDistribution(Math.Log(0.4), 0.3), new LogNormalDistribution(Math.Log(0.002), 0.5),
                new Dictionary<string, DurationDistribution>
                {
                    ["warm_dispatch"] = new LogNormalDistribution(Math.Log(0.0001), 0.4),
                    ["prewarm_dispatch"] = new LogNormalDistribution(Math.Log(0.0005), 0.4),
                    ["removal"] = new LogNormalDistribution(Math.Log(0.13), 0.1),
                },
                new Dictionary<int, double> { [1] = 350, [2] = 544, [4] = 1791 }),
        ]);
        string path = Path.Combine(_dir, "p.yaml");
        profile.Save(path);
        var loaded = CalibrationProfile.LoadFile(path);
        var r = Assert.Single(loaded.Runtimes);
        Assert.Equal(new Dictionary<int, double> { [1] = 350, [2] = 544, [4] = 1791 }, r.ColdStartMedianByConcurrency);
        Assert.Equal(0.0001, Math.Exp(((LogNormalDistribution)r.Extra["warm_dispatch"]).Mu), 6);

        string scenario = Path.Combine(_dir, "s.yaml");
        File.WriteAllText(scenario, Yaml() + "\ncalibration: p.yaml\n");
        var s = ScenarioLoader.LoadFile(scenario);
        var rt = s.Runtimes[0];
        Assert.Equal(544.0 / 350, rt.StartContention!.Factor(2), 9);
        Assert.Equal((544 + (1791 - 544) / 2.0) / 350, rt.StartContention.Factor(3), 9);
        Assert.Equal(0.0001, Math.Exp(((LogNormalDistribution)rt.WarmDispatch!).Mu), 6);
        Assert.Equal(0.0005, Math.Exp(((LogNormalDistribution)rt.PrewarmDispatch!).Mu), 6);
        Assert.Null(s.MaxParallelStarts); // a profile measures the machine; the cap is the driver's (validate-real sets it)
    }

    [Fact]
    public void A_profile_without_concurrency_levels_keeps_the_scenarios_contention()
    {
        var profile = new CalibrationProfile("m", "t", 3, [
            new RuntimeCalibration("python", "faas-runtime-python",
                new LogNormalDistribution(Math.Log(0.4), 0.3), new ConstantDistribution(Faas.Engine.SimDuration.Zero),
                new Dictionary<string, DurationDistribution>(), new Dictionary<int, double> { [1] = 350 }),
        ]);
        string path = Path.Combine(_dir, "p1.yaml");
        profile.Save(path);
        string scenario = Path.Combine(_dir, "s1.yaml");
        File.WriteAllText(scenario, Yaml("    start_contention: {1: 1s, 2: 3s}") + "\ncalibration: p1.yaml\n");
        var s = ScenarioLoader.LoadFile(scenario);
        Assert.Equal(3.0, s.Runtimes[0].StartContention!.Factor(2), 12);
        Assert.Null(s.Runtimes[0].WarmDispatch);
    }
}
