using System.Text.Json.Nodes;

namespace Faas.Cli.Tests;

/// <summary>The experiment pipeline from the command line: run (with sweeps), rerun, plot, report, and their exit codes.</summary>
public sealed class ExperimentCommandsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("faas-cli-test-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private const string Scenario = """
        name: cli-test
        description: "Does the pool beat keep-alive here?"
        claim: 3
        duration: 20m
        seed: 5
        replications: 2
        runtimes:
          - {name: python, memory: 128MiB, cold_start: {dist: lognormal, median: 900ms, p99: 1.6s}, init: {dist: constant, value: 8ms}}
        functions:
          - {name: fn, count: 8, runtime: python, exec: {dist: exponential, mean: 200ms}, arrivals: {process: poisson, mean_interval: 2m}}
        models:
          - {model: keep-alive, ttl: 1m}
          - {model: prewarm-pool, window: 5m}
        """;

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static (int Code, string Out, string Err) Cli(params string[] args) => CliApp.RunCaptured(args);

    private string Out(string name) => Path.Combine(_dir, "results", name);

    [Fact]
    public void Run_writes_csvs_and_a_manifest_that_rerun_reproduces()
    {
        var run = Cli("run", Write("s.yaml", Scenario), "--out", Out("a"), "-j", "2");
        Assert.Equal(0, run.Code);
        Assert.True(File.Exists(Path.Combine(Out("a"), "manifest.json")));

        var rerun = Cli("rerun", Path.Combine(Out("a"), "manifest.json"), "--out", Out("b"), "-j", "1");

        Assert.Equal(0, rerun.Code);
        Assert.Contains("reproduced: all 4 files byte-identical", rerun.Out);
        Assert.Contains("identical  summary_ci.csv", rerun.Out);
    }

    [Fact]
    public void Rerun_fails_when_an_output_differs_and_refuses_an_edited_scenario()
    {
        Assert.Equal(0, Cli("run", Write("s.yaml", Scenario), "--out", Out("a")).Code);
        string path = Path.Combine(Out("a"), "manifest.json");
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        json["options"]!["seed"] = 999; // another seed: other numbers than recorded
        File.WriteAllText(Path.Combine(_dir, "seed.json"), json.ToJsonString());
        json["options"]!["seed"] = null;
        json["scenario"]!["yaml"] = Scenario.Replace("seed: 5", "seed: 6");
        File.WriteAllText(Path.Combine(_dir, "edited.json"), json.ToJsonString());

        var differs = Cli("rerun", Path.Combine(_dir, "seed.json"), "--out", Out("b"));
        var edited = Cli("rerun", Path.Combine(_dir, "edited.json"), "--out", Out("c"));

        Assert.Equal(1, differs.Code);
        Assert.Contains("DIFFERS    summary.csv", differs.Out);
        Assert.Equal(2, edited.Code);
        Assert.Contains("does not match its sha256", edited.Err);
    }

    [Fact]
    public void A_bad_sweep_path_exits_2_with_file_line_and_column_before_writing_anything()
    {
        string yaml = Scenario + "\nsweep:\n  functions.fun.count: [1, 2]\n";
        string file = Write("bad.yaml", yaml);

        var r = Cli("run", file, "--out", Out("bad"));

        Assert.Equal(2, r.Code);
        Assert.Contains($"{file}:15:3: sweep path 'functions.fun.count': no item of 'functions' is called 'fun'", r.Err);
        Assert.False(Directory.Exists(Out("bad")));
    }

    [Fact]
    public void A_sweep_runs_every_point_and_validate_counts_them()
    {
        string file = Write("sweep.yaml", Scenario + "\nsweep:\n  functions.fn.arrivals.mean_interval: [30s, 5m]\n  functions.fn.count: [2, 8]\n");

        var validate = Cli("validate", file);
        var run = Cli("run", file, "--out", Out("sweep"));

        Assert.Contains("sweep of 4 points over param_mean_interval_s x param_functions, claim 3", validate.Out);
        Assert.Equal(0, run.Code);
        Assert.Contains("keep-alive [mean_interval_s=5m functions=8]", run.Out);
        Assert.Equal(1 + (4 * 2 * 2), File.ReadAllLines(Path.Combine(Out("sweep"), "summary.csv")).Length);
    }

    [Fact]
    public void Plot_draws_non_empty_png_and_svg_into_each_results_folder()
    {
        Assert.Equal(0, Cli("run", Write("s.yaml", Scenario), "--out", Out("cli-test")).Code);
        Assert.Equal(0, Cli("run", Write("sweep.yaml", Scenario.Replace("name: cli-test", "name: cli-sweep") + "\nsweep:\n  functions.fn.arrivals.mean_interval: [30s, 5m, 20m]\n  functions.fn.count: [1, 4, 16]\n"), "--out", Out("cli-sweep")).Code);

        var r = Cli("plot", Path.Combine(_dir, "results"));

        Assert.Equal(0, r.Code);
        string[] plain = ["latency-cdf", "start-mix", "tradeoff", "timeseries"];
        foreach (string kind in plain)
        {
            foreach (string ext in new[] { "png", "svg" })
                Assert.True(new FileInfo(Path.Combine(Out("cli-test"), "charts", $"cli-test-{kind}.{ext}")).Length > 1000, $"{kind}.{ext}");
        }
        Assert.True(new FileInfo(Path.Combine(Out("cli-sweep"), "charts", "cli-sweep-crossover.png")).Length > 1000);
        Assert.Contains("4 charts (PNG + SVG)", r.Out);
    }

    [Fact]
    public void Plot_of_a_folder_without_results_exits_2()
    {
        var r = Cli("plot", _dir);

        Assert.Equal(2, r.Code);
        Assert.Contains("no summary.csv", r.Err);
    }

    [Fact]
    public void Report_writes_markdown_and_html_and_prints_a_verdict_per_claim()
    {
        Assert.Equal(0, Cli("run", Write("s.yaml", Scenario), "--out", Out("cli-test")).Code);

        var r = Cli("report", Path.Combine(_dir, "results"));

        Assert.Equal(0, r.Code);
        Assert.Contains("claim 3: ", r.Out);
        Assert.Contains("claim 4: not tested", r.Out);
        Assert.Contains("### cli-test (claim 3)", File.ReadAllText(Path.Combine(_dir, "results", "REPORT.md")));
        Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(Path.Combine(_dir, "results", "REPORT.html")));
    }
}
