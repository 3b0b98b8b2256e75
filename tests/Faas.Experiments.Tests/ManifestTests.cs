using Faas.Engine;
using Faas.Results;
using Faas.TestSupport;

namespace Faas.Experiments.Tests;

/// <summary>manifest.json says what produced a results folder, and running it again reproduces the CSVs byte for byte.</summary>
public class ManifestTests
{
    private static ExperimentResult RunTo(string dir, string yaml, string file, int workers, SimDuration? cap = null, IReadOnlyList<string>? models = null) =>
        ExperimentRunner.Run(ExperimentLoader.Load(yaml, file), new ExperimentOptions(dir, Models: models, Workers: workers, MaxDuration: cap));

    /// <summary>What the rerun command does: the embedded scenario text and the recorded options.</summary>
    private static ExperimentResult Rerun(RunManifest m, string dir, int workers)
    {
        var cap = m.Options.MaxDuration is { } md ? Units.TryParseDuration(md, out _) : null;
        var options = new ExperimentOptions(dir, m.Options.Models, m.Options.Seed, m.Options.Replications,
            m.Options.WriteInvocations, m.Options.WriteTimeseries, workers, cap);
        return ExperimentRunner.Run(ExperimentLoader.Load(m.Scenario.Yaml, m.Scenario.File), options);
    }

    private static Dictionary<string, byte[]> Csvs(string dir) =>
        Directory.GetFiles(dir, "*.csv").ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);

    [Fact]
    public void Manifest_records_scenario_options_seeds_outputs_and_provenance()
    {
        using var tmp = new TempFolder();
        var result = RunTo(tmp.Sub("a"), ExperimentYaml.Plain, "scenarios/plain.yaml", workers: 2, SimDuration.FromMinutes(10), ["keep-alive", "cold-only"]);

        var m = RunManifest.Load(Path.Combine(tmp.Sub("a"), RunManifest.FileName));

        Assert.Equal("plain-test", m.Scenario.Name);
        Assert.Equal([3], m.Scenario.Claims);
        Assert.Equal(ExperimentYaml.Plain, m.Scenario.Yaml);
        Assert.Equal(RunManifest.Sha256Hex(System.Text.Encoding.UTF8.GetBytes(ExperimentYaml.Plain)), m.Scenario.Sha256);
        Assert.Equal("10m", m.Options.MaxDuration);
        Assert.Equal(["keep-alive", "cold-only"], m.Options.Models);
        Assert.Equal("10m", m.Resolved.Duration);
        Assert.Equal(["keep-alive", "cold-only"], m.Resolved.Models.Select(x => x.Label));
        Assert.Equal(60, m.Resolved.Models[0].TtlS);
        Assert.Equal(928, m.Resolved.Runtimes[0].ColdStartMeanS * 1000, 0);
        Assert.Equal(20, m.Resolved.Functions.Single().Count);
        Assert.Equal(Enumerable.Range(0, 3).Select(r => SeedSequence.Replication(42, r)), m.Seeds.Select(s => s.Seed));
        Assert.Equal(["invocations.csv", "timeseries.csv", "summary.csv", "summary_ci.csv"], m.Outputs.Select(o => o.File));
        foreach (var o in m.Outputs) Assert.Equal(RunManifest.Sha256OfFile(Path.Combine(tmp.Sub("a"), o.File)), o.Sha256);
        Assert.False(string.IsNullOrEmpty(m.Provenance.GitCommit)); // a commit, or "unknown" outside git
        Assert.True(m.Provenance.Machine.Cores > 0);
        Assert.Contains("Faas.Experiments", m.Provenance.Packages.Keys);
        Assert.Contains("YamlDotNet", m.Provenance.Packages.Keys);
        Assert.True(m.Provenance.FinishedUtc >= m.Provenance.StartedUtc);
        Assert.Equal(6, result.Plan.Count);
    }

    [Fact]
    public void Rerun_from_the_manifest_gives_byte_identical_csvs()
    {
        using var tmp = new TempFolder();
        RunTo(tmp.Sub("a"), ExperimentYaml.Plain, "plain.yaml", workers: 1, SimDuration.FromMinutes(15));
        var m = RunManifest.Load(Path.Combine(tmp.Sub("a"), RunManifest.FileName));

        var again = Rerun(m, tmp.Sub("b"), workers: 3);

        var a = Csvs(tmp.Sub("a"));
        var b = Csvs(tmp.Sub("b"));
        Assert.Equal(a.Keys.Order(), b.Keys.Order());
        foreach (var (name, bytes) in a) Assert.True(bytes.AsSpan().SequenceEqual(b[name]), $"{name} differs");
        Assert.Equal(m.Outputs.Select(o => (o.File, o.Sha256)), again.Manifest!.Outputs.Select(o => (o.File, o.Sha256)));
    }

    [Fact]
    public void Rerun_of_a_sweep_gives_byte_identical_csvs()
    {
        using var tmp = new TempFolder();
        RunTo(tmp.Sub("a"), ExperimentYaml.Sweep, "sweep.yaml", workers: 2);
        var m = RunManifest.Load(Path.Combine(tmp.Sub("a"), RunManifest.FileName));

        Rerun(m, tmp.Sub("b"), workers: 1);

        var a = Csvs(tmp.Sub("a"));
        Assert.Equal(["summary.csv", "summary_ci.csv"], a.Keys.Order());
        foreach (var (name, bytes) in a) Assert.True(bytes.AsSpan().SequenceEqual(Csvs(tmp.Sub("b"))[name]), $"{name} differs");
        Assert.Equal(2, m.Resolved.Sweep.Count);
        Assert.Equal(6, m.Resolved.Points);
    }

    [Fact]
    public void Sweep_summary_has_one_param_column_per_axis_and_a_row_per_run_in_plan_order()
    {
        using var tmp = new TempFolder();
        var result = RunTo(tmp.Sub("a"), ExperimentYaml.Sweep, "sweep.yaml", workers: 2);

        var lines = File.ReadAllLines(Path.Combine(tmp.Sub("a"), "summary.csv"));

        Assert.EndsWith(",param_mean_interval_s,param_functions", lines[0]);
        Assert.Equal(1 + 24, lines.Length);
        Assert.EndsWith(",30,2", lines[1]);
        Assert.StartsWith("sweep-test,keep-alive,1,", lines[2]);
        Assert.StartsWith("sweep-test,prewarm-pool,0,", lines[3]);
        Assert.EndsWith(",900,8", lines[^1]);
        Assert.False(File.Exists(Path.Combine(tmp.Sub("a"), "invocations.csv"))); // rows of different points could not be told apart
        Assert.Equal(24, result.Summaries.Count);
    }

    [Fact]
    public void Manifest_json_round_trips()
    {
        using var tmp = new TempFolder();
        RunTo(tmp.Sub("a"), ExperimentYaml.Sweep, "sweep.yaml", workers: 2);
        string path = Path.Combine(tmp.Sub("a"), RunManifest.FileName);

        var m = RunManifest.Load(path);

        Assert.Equal(File.ReadAllText(path), m.ToJson());
    }

    [Fact]
    public void A_manifest_that_is_not_json_is_an_input_error_naming_the_file()
    {
        using var tmp = new TempFolder();
        File.WriteAllText(tmp.Sub("manifest.json"), "{ not json");

        var e = Assert.Throws<ResultsFormatException>(() => RunManifest.Load(tmp.Sub("manifest.json")));

        Assert.Contains("manifest.json", e.Message);
    }
}
