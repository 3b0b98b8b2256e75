namespace Faas.TestSupport;

/// <summary>Small scenarios that run in well under a second.</summary>
public static class ExperimentYaml
{
    /// <summary>A two-model scenario with a 3 x 2 sweep (mean interval x function count).</summary>
    public const string Sweep = """
        name: sweep-test
        description: "Which design wins where?"
        claim: 3
        duration: 20m
        seed: 7
        replications: 2
        runtimes:
          - {name: python, memory: 128MiB, cold_start: {dist: lognormal, median: 900ms, p99: 1.6s}, init: {dist: constant, value: 8ms}}
        functions:
          - {name: fn, count: 4, runtime: python, exec: {dist: exponential, mean: 200ms}, arrivals: {process: poisson, mean_interval: 15m}}
        cluster: {memory: 8GiB}
        models:
          - {model: keep-alive, ttl: 10m}
          - {model: prewarm-pool, window: 5m}
        sweep:
          functions.fn.arrivals.mean_interval: [30s, 2m, 15m]
          functions.fn.count: [2, 8]
        """;

    /// <summary>A plain (no sweep) scenario with three models and three replications.</summary>
    public const string Plain = """
        name: plain-test
        description: "Many functions share a runtime."
        claim: 3
        duration: 30m
        seed: 42
        replications: 3
        runtimes:
          - {name: python, memory: 128MiB, cold_start: {dist: lognormal, median: 900ms, p99: 1.6s}, init: {dist: constant, value: 8ms}}
        functions:
          - {name: fn, count: 20, runtime: python, exec: {dist: exponential, mean: 200ms}, arrivals: {process: poisson, mean_interval: 2m}}
        cluster: {memory: 8GiB}
        models:
          - {model: keep-alive, ttl: 1m}
          - {model: prewarm-pool, window: 5m}
          - {model: cold-only}
        """;
}
