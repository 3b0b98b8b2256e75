using Faas.Scenarios;
using Faas.Workloads.Distributions;

namespace Faas.TestSupport;

/// <summary>A calibration profile and a small two-function scenario for the sim-vs-real tests (profiles, replay plans, the fidelity commands).</summary>
public static class FidelityFixtures
{
    /// <summary>A profile of one runtime (python): cold start median 412 ms, injection 2 ms, a warm dispatch overhead and two concurrency levels.</summary>
    public static CalibrationProfile SampleProfile() => new("test", "2026-01-01T00:00:00Z", 5,
    [
        new RuntimeCalibration("python", "faas-runtime-python", LogNormalDistribution.FromMedianP99(0.412, 0.9), LogNormalDistribution.FromMedianP99(0.002, 0.006),
            new Dictionary<string, DurationDistribution> { ["warm_dispatch"] = LogNormalDistribution.FromMedianP99(0.001, 0.003) },
            new Dictionary<int, double> { [1] = 412, [2] = 800 }),
    ]);

    /// <summary>Two Poisson functions (0.6/s and 0.2/s) for 10 s, keep-alive and prewarm-pool.</summary>
    public const string Scenario = """
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
}
