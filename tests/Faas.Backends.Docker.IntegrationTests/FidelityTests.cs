using System.Globalization;
using Faas.Cli;
using Faas.Fidelity;
using Faas.Scenarios;
using Faas.TestSupport;

namespace Faas.Backends.Docker.IntegrationTests;

/// <summary>calibrate and validate-real (which replays) against the real engine.</summary>
[Collection(DockerCollection.Name)]
public sealed class FidelityTests(DockerFixture docker) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("faas-fidelity-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private static (int Code, string Out, string Err) Cli(params string[] args) => CliApp.RunCaptured(args);

    [Fact]
    public async Task Calibrate_on_a_tiny_sample_writes_a_valid_profile_and_its_samples()
    {
        Assert.NotNull(docker.Engine);
        string path = Path.Combine(_dir, "profile.yaml");
        var r = await Task.Run(() => Cli("calibrate", "--out", path, "--samples", "2", "--runtime", "python", "--concurrency", "1", "2"));
        Assert.True(r.Code == 0, r.Err);
        Assert.Contains("cold start + init 2/2", r.Err); // progress
        var p = CalibrationProfile.LoadFile(path);
        var py = Assert.Single(p.Runtimes);
        Assert.InRange(py.ColdStart.MeanSeconds, 0.05, 30);
        Assert.InRange(py.Init.MeanSeconds, 0.00001, 5);
        Assert.True(py.Extra.ContainsKey("warm_dispatch") && py.Extra.ContainsKey("prewarm_dispatch") && py.Extra.ContainsKey("removal"));
        Assert.Equal([1, 2], py.ColdStartMedianByConcurrency.Keys.Order());
        var samples = File.ReadAllLines(Calibrator.SamplesPath(path));
        Assert.Equal("runtime,metric,concurrency,sample,ms", samples[0]);
        Assert.Equal(2, samples.Count(l => l.StartsWith("python,cold_start,1,", StringComparison.Ordinal)));
        Assert.Equal(2, samples.Count(l => l.StartsWith("python,start_concurrent,2,", StringComparison.Ordinal)));
    }

    /// <summary>The sample profile and the unit tests' scenario with <paramref name="duration"/>, written into the test folder.</summary>
    private (string Profile, string Scenario) ProfileAndScenario(string duration)
    {
        Assert.NotNull(docker.Engine);
        string profile = Path.Combine(_dir, "p.yaml");
        FidelityFixtures.SampleProfile().Save(profile);
        string file = Path.Combine(_dir, "s.yaml");
        File.WriteAllText(file, FidelityFixtures.Scenario.Replace("duration: 10s", "duration: " + duration));
        return (profile, file);
    }

    [Fact]
    public async Task Validate_real_replays_every_call_records_dispatch_lag_and_writes_the_comparison()
    {
        var (profile, file) = ProfileAndScenario("12s");
        string outDir = Path.Combine(_dir, "out");
        var r = await Task.Run(() => Cli("validate-real", file, "--calibration", profile, "--out", outDir, "--replications", "2"));
        Assert.True(r.Code == 0, r.Err + r.Out);
        Assert.Contains("| keep-alive | p50_ms |", r.Out);
        foreach (var f in new[] { "comparison.csv", "comparison.md", "latency-cdf.png", "real/invocations.csv", "real/summary.csv", "real/dispatch.csv", "real/dispatch_summary.csv", "sim/summary.csv" })
            Assert.True(File.Exists(Path.Combine(outDir, f)), f);

        var s = CalibrationProfile.LoadFile(profile).ApplyTo(ScenarioLoader.LoadFile(file), profile);
        int planned = Workload.Plan(s, 0).Count;
        var dispatch = File.ReadAllLines(Path.Combine(outDir, "real/dispatch.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        foreach (var model in new[] { "keep-alive", "prewarm-pool" })
        {
            var rows = dispatch.Where(d => d[0] == model).ToList();
            Assert.Equal(planned, rows.Count); // every planned call issued once
            Assert.Equal(Enumerable.Range(0, planned), rows.Select(d => int.Parse(d[1], CultureInfo.InvariantCulture)).Order());
            Assert.All(rows, d => Assert.True(double.Parse(d[5], CultureInfo.InvariantCulture) >= 0, "lag")); // issued at or after its target
            Assert.All(rows, d => Assert.Equal("completed", d[7]));
        }
        var summary = File.ReadAllLines(Path.Combine(outDir, "real/summary.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(2, summary.Count);
        foreach (var row in summary)
        {
            long inv = long.Parse(row[4], CultureInfo.InvariantCulture);
            Assert.Equal(planned, inv);
            Assert.Equal(inv, Enumerable.Range(5, 5).Sum(i => long.Parse(row[i], CultureInfo.InvariantCulture))); // cold+prewarm+warm+failed+dropped
        }
        // invocations.csv of the real run: one row per call per model
        Assert.Equal(2 * planned, File.ReadAllLines(Path.Combine(outDir, "real/invocations.csv")).Length - 1);
        var cmp = File.ReadAllLines(Path.Combine(outDir, "comparison.csv"));
        Assert.Contains(cmp, l => l.StartsWith("t,prewarm-pool,prewarm_fraction,", StringComparison.Ordinal));
        Assert.Contains(cmp, l => l.StartsWith("t,keep-alive,dispatch_lag_p99_ms,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Validate_real_with_two_real_replications_replays_each_replications_calls_and_judges_paired()
    {
        var (profile, file) = ProfileAndScenario("5s");
        string outDir = Path.Combine(_dir, "out2");
        var r = await Task.Run(() => Cli("validate-real", file, "--calibration", profile, "--out", outDir, "--replications", "3", "--real-replications", "2", "--model", "keep-alive"));
        Assert.True(r.Code == 0, r.Err + r.Out);
        Assert.Contains("real replication 2/2", r.Err); // progress
        Assert.Contains("paired over 2 real replications", r.Out);
        var s = CalibrationProfile.LoadFile(profile).ApplyTo(ScenarioLoader.LoadFile(file), profile);
        var realCalls = new List<(string Function, double TargetMs, double ExecMs)>[2];
        for (int i = 0; i < 2; i++)
        {
            string dir = Path.Combine(outDir, "real", $"rep{i}");
            foreach (var f in new[] { "invocations.csv", "summary.csv", "dispatch.csv", "dispatch_summary.csv" })
                Assert.True(File.Exists(Path.Combine(dir, f)), $"rep{i}/{f}");
            // the real run i issued exactly the calls of simulated replication i
            var plan = Workload.Plan(s, i);
            var rows = File.ReadAllLines(Path.Combine(dir, "dispatch.csv")).Skip(1).Select(l => l.Split(',')).ToList();
            Assert.Equal(plan.Count, rows.Count);
            for (int k = 0; k < plan.Count; k++)
            {
                var row = rows.Single(d => int.Parse(d[1], CultureInfo.InvariantCulture) == k);
                Assert.Equal(s.Functions[plan[k].Function].Name, row[2]);
                Assert.Equal(plan[k].ArrivalMicros / 1000.0, double.Parse(row[3], CultureInfo.InvariantCulture), 3);
                Assert.Equal(plan[k].ExecMicros / 1000.0, double.Parse(row[6], CultureInfo.InvariantCulture), 3);
                Assert.Equal("completed", row[7]);
            }
            var summary = File.ReadAllLines(Path.Combine(dir, "summary.csv"));
            Assert.Equal(2, summary.Length); // header + keep-alive
        }
        var cmp = File.ReadAllLines(Path.Combine(outDir, "comparison.csv"));
        Assert.Equal("scenario,model,metric,sim,sim_rep0,real_rep0,sim_paired,real_paired,real_runs,abs_error,rel_error,target,met,judged_on", cmp[0]);
        var cold = cmp.Single(l => l.StartsWith("t,keep-alive,cold_fraction,", StringComparison.Ordinal)).Split(',');
        Assert.Equal("paired", cold[^1]);
        Assert.Equal(2, cold[8].Split(' ').Length); // one value per real run
        Assert.False(Directory.Exists(Path.Combine(outDir, "real", "rep2")));
        Assert.True(File.Exists(Path.Combine(outDir, "latency-cdf.png")));
    }
}
