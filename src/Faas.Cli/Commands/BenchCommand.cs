using System.CommandLine;
using Faas.Experiments;
using Faas.Experiments.Bench;

namespace Faas.Cli.Commands;

/// <summary><c>bench</c>: parses the options and runs <see cref="SimBench"/> (or <see cref="TraceScaleBench"/> with <c>--trace-scale</c>).</summary>
public static class BenchCommand
{
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
            SimBench.Run(stdout, f, n);
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
