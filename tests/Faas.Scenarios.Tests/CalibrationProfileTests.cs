using Faas.TestSupport;
using Faas.Workloads;
using Faas.Workloads.Distributions;

namespace Faas.Scenarios.Tests;

/// <summary>Calibration profiles: their YAML round trip, and the scenario key that applies one.</summary>
public sealed class CalibrationProfileTests : IDisposable
{
    private readonly TempFolder _tmp = new("faas-calibration-");

    public void Dispose() => _tmp.Dispose();

    [Fact]
    public void A_profile_round_trips_through_yaml()
    {
        var p = FidelityFixtures.SampleProfile();
        string path = _tmp.Sub("p.yaml");
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
        FidelityFixtures.SampleProfile().Save(_tmp.Sub("machine.yaml"));
        string file = _tmp.Write("s.yaml", FidelityFixtures.Scenario + "\ncalibration: machine.yaml\n");
        var s = ScenarioLoader.LoadFile(file);
        Assert.Equal(Math.Log(0.412), ((LogNormalDistribution)s.Runtimes[0].ColdStart).Mu, 3);
        Assert.IsType<LogNormalDistribution>(s.Runtimes[0].Init);
        Assert.EndsWith("machine.yaml", s.CalibrationPath);

        _tmp.Write("s.yaml", FidelityFixtures.Scenario + "\ncalibration: missing.yaml\n");
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.LoadFile(file));
        Assert.Contains("not found", e.Message);
    }
}
