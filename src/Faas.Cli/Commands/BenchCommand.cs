using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Faas.Backends.Sim;
using Faas.Platform.Results;
using Faas.Workloads.Scenarios;

namespace Faas.Cli.Commands;

/// <summary>
/// <c>bench</c>: simulator throughput and allocation per call, measured in one process run so the
/// figures are ratios of the same machine state (this machine is shared and noisy; timed unit tests
/// would be flaky). Runs the SimFaaS README example and a 1,000-function Poisson scenario.
/// </summary>
public static class BenchCommand
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

    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var calls = new Option<long>("--calls") { Description = "Calls in the population benchmark (default 10,000,000).", DefaultValueFactory = _ => 10_000_000 };
        var functions = new Option<int>("--functions") { Description = "Functions in the population benchmark (default 1,000; each Poisson at 1 call/s).", DefaultValueFactory = _ => 1000 };
        var traceScale = new Option<bool>("--trace-scale") { Description = "Instead: replay a synthetic Azure-like day (10,000 functions) at 10^6, 10^7, ... up to --trace-calls calls per model; prints CSV rows of wall time, calls/s, bytes per call and peak memory." };
        var traceCalls = new Option<long>("--trace-calls") { Description = "Largest call count of --trace-scale (default 100,000,000).", DefaultValueFactory = _ => 100_000_000 };
        var traceFunctions = new Option<int>("--trace-functions") { Description = "Functions of the --trace-scale day (default 10,000).", DefaultValueFactory = _ => 10_000 };
        var traceModels = new Option<string[]>("--trace-model") { Description = "Model of --trace-scale as YAML, e.g. \"{model: keep-alive, ttl: 10m}\"; repeatable (default: keep-alive, prewarm-pool, faascache, hybrid-histogram, openwhisk, oracle).", AllowMultipleArgumentsPerToken = true };
        var cmd = new Command("bench", "Measure simulated calls per second of wall time and bytes allocated per call (invocations.csv off). Last lines: calls_per_s=<n> bytes_per_call=<n> model=<name>.")
        {
            calls, functions, traceScale, traceCalls, traceFunctions, traceModels,
        };
        cmd.SetAction(p =>
        {
            if (p.GetValue(traceScale))
            {
                long tc = p.GetValue(traceCalls);
                int tf = p.GetValue(traceFunctions);
                if (tc < 1_000_000 || tf < 1) throw new BadInputException("--trace-calls must be at least 1,000,000 and --trace-functions at least 1");
                TraceScaleBench.Run(stdout, tf, tc, p.GetValue(traceModels) is { Length: > 0 } tm ? tm : null);
                return ExitCodes.Ok;
            }
            long n = p.GetValue(calls);
            int f = p.GetValue(functions);
            if (n < 1000 || f < 1) throw new BadInputException("--calls must be at least 1000 and --functions at least 1");
            // warm-up (JIT) on a small population
            Measure(ScenarioLoader.Load(PopulationYaml(f, 20), "bench-warmup"), null);

            var simfaas = ScenarioLoader.Load(SimFaasYaml, "simfaas-readme");
            var sf = Measure(simfaas, stdout).Single();
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"simfaas-readme keep-alive: P(cold)={sf.Summary.ColdFraction:0.00000} (SimFaaS 0.0014), mean containers={sf.Summary.MeanContainers:0.00} (7.66), running={sf.Summary.MeanBusyContainers:0.00} (1.79), idle={sf.Summary.MeanIdleContainers:0.00} (5.87), {sf.CallsPerSecond:0} calls/s (SimFaaS ~30,000)"));

            var pop = ScenarioLoader.Load(PopulationYaml(f, Math.Ceiling(n / (double)f)), "bench-population");
            var results = Measure(pop, stdout);
            foreach (var r in results)
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"calls_per_s={r.CallsPerSecond:0} bytes_per_call={r.BytesPerCall:0.00} model={r.Model}"));
            return ExitCodes.Ok;
        });
        return cmd;
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
