using System.Diagnostics;
using System.Globalization;
using Faas.Backends.Sim;
using Faas.Platform.Results;
using Faas.Scenarios;

namespace Faas.Experiments.Bench;

/// <summary>
/// <c>bench</c>: simulator throughput and allocation per call, measured in one process run so the
/// figures are ratios of the same machine state (this machine is shared and noisy; timed unit tests
/// would be flaky). Runs the SimFaaS README example and a 1,000-function Poisson scenario.
/// </summary>
public static class SimBench
{
    /// <summary>The SimFaaS README example: one function, Poisson 0.9/s, warm service exp(1.991 s), cold 2.244 s mean, 600 s expiration, 10^6 s.</summary>
    public const string SimFaasYaml = """
        name: simfaas-readme
        duration: 1000000s
        seed: 1
        runtimes:
          - {name: python, memory: 128MiB, cold_start: {dist: constant, value: 253ms}}
        functions:
          - {name: fn, runtime: python, exec: {dist: exponential, mean: 1991ms}, arrivals: {process: poisson, rate: 0.9}}
        models:
          - {model: keep-alive, ttl: 600s}
        """;

    public static string PopulationYaml(int functions, double seconds) => $$$"""
        name: bench-population
        duration: {{{seconds.ToString(CultureInfo.InvariantCulture)}}}s
        seed: 7
        runtimes:
          - {name: python, memory: 128MiB, cold_start: {dist: lognormal, median: 500ms, p99: 1s}, init: {dist: constant, value: 5ms}}
        functions:
          - {name: fn, count: {{{functions}}}, runtime: python, exec: {dist: exponential, mean: 100ms}, arrivals: {process: poisson, mean_interval: 1s}}
        models:
          - {model: keep-alive, ttl: 10m}
          - {model: prewarm-pool, window: 5m}
        """;

    /// <summary>
    /// Warms the JIT up, then measures the SimFaaS example and the <paramref name="functions"/>-function
    /// population (about <paramref name="calls"/> calls per model), writing a line per run and the
    /// machine-readable lines <c>calls_per_s=.. bytes_per_call=.. model=..</c> last.
    /// </summary>
    public static void Run(TextWriter stdout, int functions, long calls)
    {
        // warm-up (JIT) on a small population
        Measure(ScenarioLoader.Load(PopulationYaml(functions, 20), "bench-warmup"), null);

        var simfaas = ScenarioLoader.Load(SimFaasYaml, "simfaas-readme");
        var sf = Measure(simfaas, stdout).Single();
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"simfaas-readme keep-alive: P(cold)={sf.Summary.ColdFraction:0.00000} (SimFaaS 0.0014), mean containers={sf.Summary.MeanContainers:0.00} (7.66), running={sf.Summary.MeanBusyContainers:0.00} (1.79), idle={sf.Summary.MeanIdleContainers:0.00} (5.87), {sf.CallsPerSecond:0} calls/s (SimFaaS ~30,000)"));

        var pop = ScenarioLoader.Load(PopulationYaml(functions, Math.Ceiling(calls / (double)functions)), "bench-population");
        var results = Measure(pop, stdout);
        foreach (var r in results)
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"calls_per_s={r.CallsPerSecond:0} bytes_per_call={r.BytesPerCall:0.00} model={r.Model}"));
    }

    private sealed record Result(string Model, RunSummary Summary, double CallsPerSecond, double BytesPerCall);

    private static List<Result> Measure(Scenario s, TextWriter? log)
    {
        var list = new List<Result>();
        foreach (var m in s.Models)
        {
            var run = new SimulationRun(s, m, 0);
            GC.Collect();
            long before = GC.GetAllocatedBytesForCurrentThread();
            var sw = Stopwatch.StartNew();
            var summary = run.Run();
            sw.Stop();
            long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
            var r = new Result(m.Label, summary, summary.Invocations / sw.Elapsed.TotalSeconds, bytes / (double)Math.Max(1, summary.Invocations));
            log?.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{s.Name} {m.Label}: {summary.Invocations} calls, {run.EventsProcessed} events in {sw.Elapsed.TotalSeconds:0.00} s wall; {r.CallsPerSecond:0} calls/s; {bytes} bytes allocated ({r.BytesPerCall:0.00}/call)"));
            list.Add(r);
        }
        return list;
    }
}
