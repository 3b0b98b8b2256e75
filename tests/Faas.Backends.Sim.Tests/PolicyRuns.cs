using Faas.Engine;
using Faas.Platform;
using Faas.Platform.Results;
using Faas.Scenarios;
using Faas.TestSupport;
using Faas.Workloads.Arrivals;
using Faas.Workloads.Distributions;
using Faas.Workloads.Traces;

namespace Faas.Backends.Sim.Tests;

/// <summary>One hand-made call: when (seconds), which function, and how long it executes (seconds).</summary>
internal readonly record struct Call(double At, int Function, double Exec = 0.1);

/// <summary>
/// Runs a model on a hand-made sequence of calls through the real simulator, with constant
/// container start and injection times so that every start type is exact. Functions are
/// f0, f1, ... of runtime rt0 (or of the runtimes given), each with its memory and app.
/// </summary>
internal static class PolicyRuns
{
    public sealed record Result(RunSummary Summary, IReadOnlyList<InvocationRecord> Records, SimulationRun Run)
    {
        /// <summary>Start types in arrival order: C(old), P(rewarm), W(arm), D(ropped).</summary>
        public string Types => new(Records.Select(r => r.Status == CallStatus.Dropped ? 'D' : r.StartType switch
        {
            StartType.Cold => 'C',
            StartType.Prewarm => 'P',
            _ => 'W',
        }).ToArray());

        public T Policy<T>() => (T)Run.Policy;
    }

    public static Result Run(
        string model,
        IEnumerable<Call> calls,
        int functions = 1,
        string memory = "128MiB",
        string cluster = "unlimited",
        double coldStart = 1.0,
        double init = 0.0,
        string[]? apps = null,
        long[]? functionMemory = null,
        int[]? runtimeOf = null,
        int runtimes = 1,
        double? duration = null)
    {
        var list = calls.OrderBy(c => c.At).ToList();
        double end = duration ?? (list.Count == 0 ? 1 : list[^1].At + 1);
        long coldUs = (long)Math.Round(coldStart * 1e6), initUs = (long)Math.Round(init * 1e6);
        string rts = string.Join("\n", Enumerable.Range(0, runtimes).Select(r =>
            "  - {name: rt" + r + ", memory: " + memory + ", cold_start: {dist: constant, value: " + coldUs + "us}, init: {dist: constant, value: " + initUs + "us}}"));
        string clusterYaml = cluster.StartsWith('{') ? cluster : "{memory: " + cluster + "}"; // a raw mapping, or a memory size
        string yaml = $$$"""
            name: policy-test
            duration: {{{end.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}s
            runtimes:
            {{{rts}}}
            functions:
              - {name: unused, runtime: rt0, exec: {dist: constant, value: 1ms}, arrivals: {process: periodic, period: 1000000h}}
            cluster: {{{clusterYaml}}}
            models:
              - {{{model}}}
            """;
        var s = ScenarioLoader.Load(yaml, "policy-test.yaml");
        long mem = s.Runtimes[0].MemoryBytes;
        var fs = Enumerable.Range(0, functions).Select(f => new FunctionSpec(
            $"f{f}", runtimeOf?[f] ?? 0, functionMemory?[f] ?? mem, new ConstantDistribution(SimDuration.FromMilliseconds(100)), null,
            apps?[f])).ToList();
        s = s with { Functions = fs, Workload = new ListWorkload(list, end) };
        var obs = new CollectingObserver();
        var run = new SimulationRun(s, s.Models[0], 0, obs);
        var summary = run.Run();
        return new Result(summary, obs.Records.OrderBy(r => r.Invocation).ToList(), run);
    }

    /// <summary>A trace of explicit calls, each with its own execution time.</summary>
    private sealed class ListWorkload(IReadOnlyList<Call> calls, double end) : ITraceWorkload
    {
        public string Describe() => $"list({calls.Count} calls)";
        public SimDuration Span => SimDuration.FromSeconds(end);
        public double ExpectedCalls => calls.Count;
        public IArrivalStream CreateStream(ulong replicationSeed, SimTime stop) => new Stream(calls, stop);

        private sealed class Stream(IReadOnlyList<Call> calls, SimTime stop) : ITracedCallStream
        {
            private int _i;
            public SimDuration Exec { get; private set; }

            public bool TryNext(out SimTime time, out int function)
            {
                time = SimTime.MaxValue;
                function = -1;
                if (_i >= calls.Count) return false;
                var c = calls[_i++];
                time = SimTime.FromSeconds(c.At);
                if (time >= stop) return false;
                function = c.Function;
                Exec = SimDuration.FromSeconds(c.Exec);
                return true;
            }
        }
    }
}
