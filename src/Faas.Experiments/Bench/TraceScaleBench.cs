using System.Diagnostics;
using System.Globalization;
using Faas.Backends.Sim;
using Faas.Engine;
using Faas.Scenarios;

namespace Faas.Experiments.Bench;

/// <summary>
/// <c>bench --trace-scale</c>: streaming replay of a synthetic Azure-like day (10,000 functions by
/// default) at growing call counts (10^6, 10^7, 10^8 by default), once per model. Reports per run
/// the wall time, calls per second, bytes allocated per call (the cost per call) and the peak
/// managed heap and working set sampled during the run, so one can see that memory does not grow
/// with calls. Invocation records are not written (the driver streams them to no observer), as
/// in the other bench figures.
/// </summary>
public static class TraceScaleBench
{
    /// <summary>Models compared (the oracle reads 10 minutes ahead: its memory is the calls of one horizon).</summary>
    public static readonly string[] DefaultModels =
    [
        "{model: keep-alive, ttl: 10m}",
        "{model: prewarm-pool}",
        "{model: faascache}",
        "{model: hybrid-histogram}",
        "{model: openwhisk}",
        "{model: oracle, horizon: 10m}",
    ];

    public static string Yaml(int functions, long callsPerDay, IEnumerable<string> models) => $$$"""
        name: trace-scale
        duration: 24h
        seed: 11
        runtimes:
          - {name: python, memory: 256MiB, cold_start: {dist: lognormal, median: 500ms, p99: 1500ms}, init: {dist: constant, value: 20ms}}
          - {name: node, memory: 256MiB, cold_start: {dist: lognormal, median: 400ms, p99: 1200ms}, init: {dist: constant, value: 15ms}}
        workload: {trace: synthetic, functions: {{{functions}}}, calls_per_day: {{{callsPerDay}}}, amplitude: 0.3, runtime: random}
        models:
        {{{string.Join("\n", models.Select(m => "  - " + m))}}}
        """;

    /// <summary>Runs the scale points up to <paramref name="maxCalls"/> (×10 from 10^6) for every model.</summary>
    public static void Run(TextWriter stdout, int functions, long maxCalls, IReadOnlyList<string>? models = null)
    {
        models ??= DefaultModels;
        var points = new List<long>();
        for (long n = 1_000_000; n <= maxCalls; n *= 10) points.Add(n);
        if (points.Count == 0 || points[^1] != maxCalls) points.Add(maxCalls);

        // warm-up (JIT) on a small population
        var warm = ScenarioLoader.Load(Yaml(Math.Min(functions, 500), 50_000, models), "trace-scale-warmup");
        foreach (var m in warm.Models) new SimulationRun(warm with { Duration = SimDuration.FromHours(1) }, m, 0).Run();

        stdout.WriteLine("calls_target,model,functions,calls,events,wall_s,calls_per_s,bytes_per_call,peak_heap_mib,peak_working_set_mib,cold_fraction");
        foreach (long n in points)
        {
            var s = ScenarioLoader.Load(Yaml(functions, n, models), "trace-scale");
            foreach (var m in s.Models)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                long heapPeak = GC.GetTotalMemory(false);
                long wsPeak = Environment.WorkingSet;
                var run = new SimulationRun(s, m, 0);
                long before = GC.GetAllocatedBytesForCurrentThread();
                var sw = Stopwatch.StartNew();
                var summary = run.Run(_ =>
                {
                    heapPeak = Math.Max(heapPeak, GC.GetTotalMemory(false));
                    wsPeak = Math.Max(wsPeak, Environment.WorkingSet);
                });
                sw.Stop();
                long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
                heapPeak = Math.Max(heapPeak, GC.GetTotalMemory(false));
                wsPeak = Math.Max(wsPeak, Environment.WorkingSet);
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{n},{m.Label},{functions},{summary.Invocations},{run.EventsProcessed},{sw.Elapsed.TotalSeconds:0.00},{summary.Invocations / sw.Elapsed.TotalSeconds:0},{bytes / (double)Math.Max(1, summary.Invocations):0.00},{heapPeak / 1048576.0:0.0},{wsPeak / 1048576.0:0.0},{summary.ColdFraction:0.00000}"));
                stdout.Flush();
            }
        }
    }
}
