using System.Text.RegularExpressions;

namespace Faas.Cli.Tests;

/// <summary>Malformed scenarios: exit code 2, a message naming file:line:column and the problem, and nothing written.</summary>
public class BadInputTests
{
    public const string Valid = """
        name: ok
        duration: 10m
        seed: 3
        replications: 2
        runtimes:
          - name: python
            memory: 128MiB
            cold_start: {dist: lognormal, median: 900ms, p99: 1.6s}
            init: {dist: constant, value: 8ms}
        functions:
          - name: fn
            count: 3
            runtime: python
            exec: {dist: exponential, mean: 200ms}
            arrivals: {process: poisson, mean_interval: 30s}
        cluster: {memory: 1GiB}
        models:
          - {model: keep-alive, ttl: 1m}
          - {model: prewarm-pool, window: 2m}
        """;

    /// <summary>(case name, scenario text, a word the message must contain).</summary>
    public static IEnumerable<object[]> Cases()
    {
        object[] C(string name, string text, string expect) => [name, text, expect];
        string R(string from, string to) => Valid.Replace(from, to);
        yield return C("empty file", "", "empty");
        yield return C("only a comment", "# nothing here\n", "empty");
        yield return C("bad YAML syntax", R("cluster: {memory: 1GiB}", "cluster: {memory: 1GiB"), "invalid YAML");
        yield return C("top level is a list", "- name: x\n- duration: 1m\n", "mapping");
        yield return C("missing name", R("name: ok\n", ""), "name");
        yield return C("missing duration", R("duration: 10m\n", ""), "duration");
        yield return C("duration without unit", R("duration: 10m", "duration: 600"), "unit");
        yield return C("negative duration", R("duration: 10m", "duration: -10m"), "negative");
        yield return C("unknown duration unit", R("duration: 10m", "duration: 10 fortnights"), "unit");
        yield return C("zero duration", R("duration: 10m", "duration: 0s"), "greater than zero");
        yield return C("seed not a number", R("seed: 3", "seed: three"), "seed");
        yield return C("zero replications", R("replications: 2", "replications: 0"), "replications");
        yield return C("unknown top-level key", R("seed: 3", "seed: 3\nworkers: 4"), "unknown key 'workers'");
        yield return C("empty runtimes", R("runtimes:\n  - name: python\n    memory: 128MiB\n    cold_start: {dist: lognormal, median: 900ms, p99: 1.6s}\n    init: {dist: constant, value: 8ms}\n", "runtimes: []\n"), "empty");
        yield return C("runtime without cold_start", R("    cold_start: {dist: lognormal, median: 900ms, p99: 1.6s}\n", ""), "cold_start");
        yield return C("unknown distribution", R("{dist: exponential, mean: 200ms}", "{dist: zipf, mean: 200ms}"), "unknown distribution 'zipf'");
        yield return C("distribution missing parameter", R("{dist: exponential, mean: 200ms}", "{dist: exponential}"), "missing 'mean'");
        yield return C("lognormal p99 below median", R("median: 900ms, p99: 1.6s", "median: 900ms, p99: 100ms"), "p99");
        yield return C("uniform max below min", R("{dist: constant, value: 8ms}", "{dist: uniform, min: 9ms, max: 1ms}"), "max");
        yield return C("duplicate runtime", R("functions:", "  - {name: python, cold_start: {dist: constant, value: 1s}}\nfunctions:"), "duplicate runtime");
        yield return C("unknown runtime", R("runtime: python", "runtime: cobol"), "unknown runtime 'cobol'");
        yield return C("duplicate function", R("cluster:", "  - {name: fn-2, runtime: python, exec: {dist: constant, value: 1ms}, arrivals: {process: poisson, rate: 1}}\ncluster:"), "duplicate function");
        yield return C("zero count", R("count: 3", "count: 0"), "count");
        yield return C("unknown arrival process", R("process: poisson", "process: hawkes"), "unknown arrival process");
        yield return C("arrivals without interval", R("{process: poisson, mean_interval: 30s}", "{process: poisson}"), "mean_interval");
        yield return C("interval and rate together", R("mean_interval: 30s}", "mean_interval: 30s, rate: 2}"), "not both");
        yield return C("memory without binary unit", R("memory: 128MiB", "memory: 128 megs"), "memory");
        yield return C("unknown model", R("{model: keep-alive, ttl: 1m}", "{model: keep-dead}"), "unknown model 'keep-dead'");
        yield return C("unknown model option", R("ttl: 1m", "tll: 1m"), "unknown option 'tll'");
        yield return C("bad model option value", R("ttl: 1m", "ttl: soon"), "ttl");
        yield return C("pool max below min", R("window: 2m}", "window: 2m, min: 5, max: 2}"), "max");
        yield return C("no models", R("models:\n  - {model: keep-alive, ttl: 1m}\n  - {model: prewarm-pool, window: 2m}", "models: []"), "empty");
        yield return C("cluster smaller than a container", R("memory: 1GiB", "memory: 64MiB"), "smaller than the largest container");
        yield return C("name with spaces", R("name: ok", "name: My Scenario"), "lowercase");
        yield return C("duplicate key", R("seed: 3", "seed: 3\nseed: 4"), "duplicate key");
        yield return C("negative constant", R("{dist: constant, value: 8ms}", "{dist: constant, value: -8ms}"), "negative");
        yield return C("empirical decreasing", R("{dist: exponential, mean: 200ms}", "{dist: empirical, p0: 5ms, p50: 2ms, p100: 9ms}"), "must not decrease");
        yield return C("same label twice", R("  - {model: prewarm-pool, window: 2m}", "  - {model: prewarm-pool, label: mine}").Replace("ttl: 1m}", "ttl: 1m, label: mine}"), "labelled");
        yield return C("unknown placement", R("cluster: {memory: 1GiB}", "cluster: {nodes: 2, node_memory: 1GiB, placement: random}"), "unknown placement 'random'");
        yield return C("memory and nodes together", R("cluster: {memory: 1GiB}", "cluster: {memory: 1GiB, nodes: 2, node_memory: 1GiB}"), "not both");
        yield return C("node count without node memory", R("cluster: {memory: 1GiB}", "cluster: {nodes: 2}"), "node_memory");
        yield return C("node_cores without nodes", R("cluster: {memory: 1GiB}", "cluster: {memory: 1GiB, node_cores: 2}"), "needs 'nodes'");
        yield return C("zero nodes", R("cluster: {memory: 1GiB}", "cluster: {nodes: 0, node_memory: 1GiB}"), "whole number");
        yield return C("zero cores", R("cluster: {memory: 1GiB}", "cluster: {nodes: 2, node_memory: 1GiB, node_cores: 0}"), "node_cores");
        yield return C("every node smaller than a container", R("cluster: {memory: 1GiB}", "cluster: {nodes: [{memory: 64MiB}, {memory: 96MiB}]}"), "largest node");
        yield return C("node names twice", R("cluster: {memory: 1GiB}", "cluster: {nodes: [{name: a, memory: 1GiB}, {name: a, memory: 1GiB}]}"), "used twice");
        yield return C("node without memory", R("cluster: {memory: 1GiB}", "cluster: {nodes: [{name: a, cores: 2}]}"), "memory");
        yield return C("unknown node key", R("cluster: {memory: 1GiB}", "cluster: {nodes: [{memory: 1GiB, gpus: 2}]}"), "unknown key 'gpus'");
        yield return C("unterminated flow mapping", R("cluster: {memory: 1GiB}", "cluster: {memory: 1GiB\nextra: 1"), "invalid YAML");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MalformedScenarioExitsTwoWithALocatedMessageAndWritesNothing(string name, string text, string expect)
    {
        using var cli = new CliHarness();
        string file = cli.Write("bad.yaml", text);
        string outDir = Path.Combine(cli.Dir, "out");
        var (exit, _, err) = cli.Run("run", file, "--out", outDir);
        Assert.True(exit == 2, $"{name}: exit {exit}, stderr: {err}");
        Assert.Matches(new Regex(Regex.Escape(file) + @":\d+:\d+: "), err);
        Assert.Contains(expect, err, StringComparison.OrdinalIgnoreCase);
        Assert.False(Directory.Exists(outDir), $"{name}: output folder was created");
        var (vexit, _, verr) = cli.Run("validate", file);
        Assert.Equal(2, vexit);
        Assert.Equal(err, verr);
    }

    [Fact]
    public void ThereAreAtLeastTwentyFiveCases() => Assert.True(Cases().Count() >= 25);

    [Fact]
    public void TheBaseScenarioIsValid()
    {
        using var cli = new CliHarness();
        var (exit, output, err) = cli.Run("validate", cli.Write("ok.yaml", Valid));
        Assert.True(exit == 0, err);
        Assert.Contains("ok", output);
    }

    [Fact]
    public void MissingScenarioFileExitsTwo()
    {
        using var cli = new CliHarness();
        var (exit, _, err) = cli.Run("run", Path.Combine(cli.Dir, "nope.yaml"), "--out", Path.Combine(cli.Dir, "o"));
        Assert.Equal(2, exit);
        Assert.Contains("not found", err);
    }

    [Theory]
    [InlineData("--replications", "0")]
    [InlineData("--max-duration", "soon")]
    [InlineData("--model", "no-such-model")]
    [InlineData("--seed", "minus-one")]
    public void BadCommandLineValuesExitTwoAndWriteNothing(string option, string value)
    {
        using var cli = new CliHarness();
        string outDir = Path.Combine(cli.Dir, "out");
        var (exit, _, err) = cli.Run("run", cli.Write("ok.yaml", Valid), "--out", outDir, option, value);
        Assert.True(exit == 2, err);
        Assert.False(Directory.Exists(outDir));
    }
}
