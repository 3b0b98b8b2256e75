using Faas.Backends.Sim;
using Faas.Cli;
using Faas.Fidelity;
using Faas.Scenarios;
using Faas.Workloads;
using Faas.Workloads.Distributions;

namespace Faas.Backends.Docker.Tests.Unit;

/// <summary>Calibration profiles, the scenario 'calibration' key, and the replay's workload plan (no Docker).</summary>
public sealed class FidelityUnitTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("faas-fidelity-unit-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    internal static CalibrationProfile SampleProfile() => new("test", "2026-01-01T00:00:00Z", 5,
    [
        new RuntimeCalibration("python", "faas-runtime-python", LogNormalDistribution.FromMedianP99(0.412, 0.9), LogNormalDistribution.FromMedianP99(0.002, 0.006),
            new Dictionary<string, DurationDistribution> { ["warm_dispatch"] = LogNormalDistribution.FromMedianP99(0.001, 0.003) },
            new Dictionary<int, double> { [1] = 412, [2] = 800 }),
    ]);

    internal const string Scenario = """
        name: t
        duration: 10s
        seed: 7
        runtimes:
          - {name: python, memory: 128MiB, cold_start: {dist: constant, value: 5s}, init: {dist: constant, value: 1s}}
        functions:
          - {name: f, runtime: python, exec: {dist: exponential, mean: 30ms}, arrivals: {process: poisson, rate: 0.6}}
          - {name: g, runtime: python, exec: {dist: exponential, mean: 30ms}, arrivals: {process: poisson, rate: 0.2}}
        models:
          - {model: keep-alive, ttl: 10m}
          - {model: prewarm-pool, window: 1m}
        """;

    [Fact]
    public void A_profile_round_trips_through_yaml()
    {
        var p = SampleProfile();
        string path = Path.Combine(_dir, "p.yaml");
        p.Save(path);
        var q = CalibrationProfile.LoadFile(path);
        var r = Assert.Single(q.Runtimes);
        Assert.Equal("python", r.Name);
        Assert.Equal(p.Runtimes[0].ColdStart.MeanSeconds, r.ColdStart.MeanSeconds, 4);
        Assert.Equal(p.Runtimes[0].Init.MeanSeconds, r.Init.MeanSeconds, 6);
        Assert.Equal(412, r.ColdStartMedianByConcurrency[1], 3);
        Assert.True(r.Extra.ContainsKey("warm_dispatch"));
        Assert.Equal(5, q.Samples);
    }

    [Fact]
    public void The_calibration_key_replaces_the_runtimes_cold_start_and_init()
    {
        SampleProfile().Save(Path.Combine(_dir, "machine.yaml"));
        string file = Path.Combine(_dir, "s.yaml");
        File.WriteAllText(file, Scenario + "\ncalibration: machine.yaml\n");
        var s = ScenarioLoader.LoadFile(file);
        Assert.Equal(Math.Log(0.412), ((LogNormalDistribution)s.Runtimes[0].ColdStart).Mu, 3);
        Assert.IsType<LogNormalDistribution>(s.Runtimes[0].Init);
        Assert.EndsWith("machine.yaml", s.CalibrationPath);

        File.WriteAllText(file, Scenario + "\ncalibration: missing.yaml\n");
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.LoadFile(file));
        Assert.Contains("not found", e.Message);
    }

    [Fact]
    public void The_replay_plan_is_the_simulators_workload()
    {
        var s = ScenarioLoader.Load(Scenario.Replace("duration: 10s", "duration: 60s"), "t.yaml");
        var plan = Workload.Plan(s, 0);
        var obs = new RecordingObserver();
        new SimulationRun(s, s.Models[0], 0, obs).Run();
        var sim = obs.Records.Select(r => (r.Arrival.Micros, r.Function, r.Exec.Micros)).Order().ToList();
        Assert.True(plan.Count > 20);
        Assert.Equal(sim, plan.Select(c => (c.ArrivalMicros, c.Function, c.ExecMicros)).Order().ToList());
    }

    [Fact]
    public void Replay_refuses_a_scenario_the_machine_cannot_run()
    {
        string file = Path.Combine(_dir, "big.yaml");
        File.WriteAllText(file, Scenario.Replace("rate: 0.6", "rate: 500"));
        var o = new StringWriter();
        var e = new StringWriter();
        int code = CliApp.Run(["replay", file, "--backend", "docker", "--out", Path.Combine(_dir, "out")], o, e);
        Assert.Equal(2, code);
        Assert.Contains("cannot be replayed on this machine", e.ToString());
        Assert.Contains("calls/s", e.ToString());
        Assert.Contains("starts a container per call", e.ToString());
        Assert.False(Directory.Exists(Path.Combine(_dir, "out")));
    }
}
