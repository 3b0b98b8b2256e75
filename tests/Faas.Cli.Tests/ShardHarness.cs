using Faas.TestSupport;

namespace Faas.Cli.Tests;

/// <summary>Runs the CLI in-process in a fresh temporary folder; small scenarios for sharding.</summary>
internal sealed class ShardHarness() : TempFolder("faas-cluster-test-")
{
    public static (int Exit, string Out, string Err) Cli(params string[] args) => CliApp.RunCaptured(args);

    /// <summary>No sweep: writes invocations.csv and timeseries.csv as well.</summary>
    public const string Plain = """
        name: shard-plain
        duration: 15m
        seed: 11
        replications: 3
        runtimes:
          - {name: python, memory: 128MiB, cold_start: {dist: lognormal, median: 900ms, p99: 1.6s}, init: {dist: constant, value: 8ms}}
        functions:
          - {name: fn, count: 6, runtime: python, exec: {dist: exponential, mean: 200ms}, arrivals: {process: poisson, mean_interval: 1m}}
        models:
          - {model: keep-alive, ttl: 1m}
          - {model: prewarm-pool, window: 5m}
        """;

    /// <summary>A 2 x 3 sweep: 6 points x 2 models x 2 replications = 24 runs.</summary>
    public const string Sweep = """
        name: shard-sweep
        duration: 10m
        seed: 7
        replications: 2
        runtimes:
          - {name: python, memory: 128MiB, cold_start: {dist: lognormal, median: 900ms, p99: 1.6s}, init: {dist: constant, value: 8ms}}
        functions:
          - {name: fn, count: 4, runtime: python, exec: {dist: exponential, mean: 200ms}, arrivals: {process: poisson, mean_interval: 1m}}
        models:
          - {model: keep-alive, ttl: 1m}
          - {model: prewarm-pool, window: 5m}
        sweep:
          functions.fn.arrivals.mean_interval: [30s, 2m]
          functions.fn.count: [1, 2, 4]
        """;

    public static readonly string[] PlainFiles = ["summary.csv", "invocations.csv", "timeseries.csv", "summary_ci.csv"];
    public static readonly string[] SweepFiles = ["summary.csv", "summary_ci.csv"];

    public static void AssertSameBytes(string expectedDir, string actualDir, IEnumerable<string> files)
    {
        foreach (var f in files)
        {
            string a = System.IO.Path.Combine(expectedDir, f), b = System.IO.Path.Combine(actualDir, f);
            Assert.True(File.Exists(a), $"{a} missing");
            Assert.True(File.Exists(b), $"{b} missing");
            var x = File.ReadAllBytes(a);
            Assert.True(x.Length > 0, $"{a} empty");
            Assert.True(x.AsSpan().SequenceEqual(File.ReadAllBytes(b)), $"{f} differs between {expectedDir} and {actualDir}");
        }
    }
}
