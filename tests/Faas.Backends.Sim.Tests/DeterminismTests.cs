using Faas.Experiments;
using Faas.Scenarios;
using Faas.TestSupport;

namespace Faas.Backends.Sim.Tests;

/// <summary>Same scenario and seed give byte-identical CSVs, whatever the number of workers; another seed gives other bytes.</summary>
public class DeterminismTests
{
    private static Scenario Scenario() => TestScenarios.Make(
        arrivals: "{process: poisson, mean_interval: 20s}", exec: "{dist: lognormal, median: 200ms, p99: 2s}",
        coldStart: "{dist: lognormal, median: 500ms, p99: 1s}", init: "{dist: uniform, min: 1ms, max: 10ms}",
        model: "{model: keep-alive, ttl: 1m}", extraModels: "{model: prewarm-pool, window: 2m}",
        duration: "30m", count: 10, replications: 2, cluster: "768MiB");

    private static Dictionary<string, byte[]> RunTo(string dir, int workers, ulong? seed = null)
    {
        ExperimentRunner.Run(Scenario(), new ExperimentOptions(dir, Seed: seed, Workers: workers));
        // The CSVs must be byte-identical; manifest.json also records wall-clock times and the worker count.
        return Directory.GetFiles(dir, "*.csv").ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);
    }

    [Fact]
    public void SameSeedGivesIdenticalBytesWhateverTheWorkers()
    {
        using var tmp = new TempFolder();
        var a = RunTo(Path.Combine(tmp.Dir, "a"), workers: 1);
        var b = RunTo(Path.Combine(tmp.Dir, "b"), workers: 4);
        Assert.Equal(["invocations.csv", "summary.csv", "summary_ci.csv", "timeseries.csv"], a.Keys.Order().ToArray());
        foreach (var (name, bytes) in a) Assert.True(bytes.AsSpan().SequenceEqual(b[name]), $"{name} differs");
        Assert.True(a["invocations.csv"].Length > 1000);
    }

    [Fact]
    public void DifferentSeedGivesDifferentResults()
    {
        using var tmp = new TempFolder();
        var a = RunTo(Path.Combine(tmp.Dir, "a"), workers: 2);
        var b = RunTo(Path.Combine(tmp.Dir, "b"), workers: 2, seed: 999);
        Assert.False(a["invocations.csv"].AsSpan().SequenceEqual(b["invocations.csv"]));
        Assert.False(a["summary.csv"].AsSpan().SequenceEqual(b["summary.csv"]));
    }
}

internal sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("faas-sim-test-").FullName;
    public void Dispose()
    {
        try { Directory.Delete(Path, true); } catch (IOException) { }
    }
}
