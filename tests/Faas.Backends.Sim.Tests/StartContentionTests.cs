using Faas.Engine;
using Faas.Platform;
using Faas.Platform.Results;
using Faas.Scenarios;
using Faas.TestSupport;

namespace Faas.Backends.Sim.Tests;

/// <summary>
/// Fidelity options of the simulator: start contention (a start's time scaled by factor(k), k = starts
/// at once), the cap on parallel starts (<c>max_parallel_starts</c>) and warm/prewarm dispatch overhead.
/// </summary>
public class StartContentionTests
{
    /// <summary>
    /// <paramref name="count"/> functions each called at 1 s and 1001 s (periodic, same offset), so
    /// their cold starts are issued at the same instant; cold-only, constant 1 s start, 1 ms exec.
    /// </summary>
    private static Scenario Simultaneous(int count, string runtimeExtra = "", string topExtra = "", string model = "{model: cold-only}") =>
        ScenarioLoader.Load($$$"""
            name: simultaneous
            duration: 1500s
            {{{topExtra}}}
            runtimes:
              - {name: python, cold_start: {dist: constant, value: 1s}, init: {dist: constant, value: 0us}{{{runtimeExtra}}}}
            functions:
              - {name: fn, count: {{{count}}}, runtime: python, exec: {dist: constant, value: 1ms}, arrivals: {process: periodic, period: 1000s, offset: 1s}}
            models:
              - {{{model}}}
            """, "simultaneous.yaml");

    private static List<InvocationRecord> Records(Scenario s, int model = 0)
    {
        var obs = new CollectingObserver();
        TestScenarios.Run(s, 0, obs, model);
        return obs.Records.OrderBy(r => r.Invocation).ToList();
    }

    [Fact]
    public void Without_contention_simultaneous_starts_take_the_drawn_time()
    {
        var recs = Records(Simultaneous(2));
        Assert.Equal(4, recs.Count);
        Assert.All(recs, r => Assert.Equal(SimDuration.FromSeconds(1), r.Startup));
    }

    [Fact]
    public void Two_simultaneous_starts_with_factor_two_are_each_ready_at_twice_the_drawn_time()
    {
        var recs = Records(Simultaneous(2, runtimeExtra: ", start_contention: {1: 1s, 2: 2s}"));
        Assert.Equal(4, recs.Count);
        Assert.All(recs, r => Assert.Equal(StartType.Cold, r.StartType));
        Assert.All(recs, r => Assert.Equal(SimDuration.FromSeconds(2), r.Startup));
    }

    [Fact]
    public void A_single_start_is_not_slowed_by_contention()
    {
        var recs = Records(Simultaneous(1, runtimeExtra: ", start_contention: {1: 1s, 2: 2s}"));
        Assert.All(recs, r => Assert.Equal(SimDuration.FromSeconds(1), r.Startup));
    }

    [Fact]
    public void Past_the_largest_level_the_factor_continues_the_last_slope()
    {
        // levels 1 → 1 s, 2 → 2 s: slope 1 s per start, so three at once take 3 s each
        var recs = Records(Simultaneous(3, runtimeExtra: ", start_contention: {1: 1s, 2: 2s}"));
        Assert.All(recs, r => Assert.Equal(SimDuration.FromSeconds(3), r.Startup));
    }

    [Fact]
    public void The_start_after_the_cap_waits_for_a_free_slot()
    {
        var recs = Records(Simultaneous(3, topExtra: "max_parallel_starts: 2"));
        var first = recs.Take(3).Select(r => r.Startup.Micros).Order().ToArray();
        // two begin at once and are ready after 1 s; the third begins when a slot frees and is ready 1 s later
        Assert.Equal(new[] { 1_000_000L, 1_000_000L, 2_000_000L }, first);
    }

    [Fact]
    public void A_waiting_start_is_slowed_only_by_the_starts_running_when_it_begins()
    {
        var recs = Records(Simultaneous(3, runtimeExtra: ", start_contention: {1: 1s, 2: 2s}", topExtra: "max_parallel_starts: 2"));
        var first = recs.Take(3).Select(r => r.Startup.Micros).Order().ToArray();
        // two begin together (factor 2: ready after 2 s); the third begins alone at 2 s (factor 1): ready after 3 s
        Assert.Equal(new[] { 2_000_000L, 2_000_000L, 3_000_000L }, first);
    }

    [Fact]
    public void Contention_of_factor_one_and_an_unreached_cap_change_nothing()
    {
        const string yaml = """
            name: poisson
            duration: 2000s
            seed: 7
            {0}
            runtimes:
              - {{name: python, cold_start: {{dist: lognormal, median: 900ms, p99: 1.6s}}, init: {{dist: constant, value: 2ms}}{1}}}
            functions:
              - {{name: fn, count: 5, runtime: python, exec: {{dist: exponential, mean: 500ms}}, arrivals: {{process: poisson, rate: 0.3}}}}
            models:
              - {{model: keep-alive, ttl: 20s}}
              - {{model: prewarm-pool, window: 1m}}
            """;
        var plain = ScenarioLoader.Load(string.Format(yaml, "", ""), "a.yaml");
        var tracked = ScenarioLoader.Load(string.Format(yaml, "max_parallel_starts: 100000", ", start_contention: {1: 1s, 4: 1s}"), "b.yaml");
        for (int m = 0; m < 2; m++)
        {
            var a = Records(plain, m);
            var b = Records(tracked, m);
            Assert.True(a.Count > 1000);
            Assert.Equal(a, b);
        }
    }

    [Fact]
    public void Contention_is_deterministic()
    {
        var s = ScenarioLoader.Load("""
            name: burst
            duration: 600s
            seed: 3
            max_parallel_starts: 4
            runtimes:
              - {name: python, cold_start: {dist: lognormal, median: 400ms, p99: 900ms}, start_contention: {1: 350ms, 2: 544ms, 4: 1791ms}}
            functions:
              - {name: fn, count: 8, runtime: python, exec: {dist: exponential, mean: 1s}, arrivals: {process: on-off, on: 10s, off: 20s, rate: 1}}
            models:
              - {model: cold-only}
            """, "burst.yaml");
        var a = Records(s);
        var b = Records(s);
        Assert.Equal(a, b);
        Assert.Contains(a, r => r.Startup.Micros > 1_500_000); // some starts were slowed or queued
    }

    [Fact]
    public void Warm_dispatch_overhead_shifts_every_warm_latency_by_exactly_the_constant()
    {
        const string yaml = """
            name: warm
            duration: 3000s
            seed: 11
            runtimes:
              - {{name: python, cold_start: {{dist: constant, value: 1s}}, init: {{dist: constant, value: 3ms}}{0}}}
            functions:
              - {{name: fn, runtime: python, exec: {{dist: exponential, mean: 100ms}}, arrivals: {{process: poisson, rate: 0.5}}}}
            models:
              - {{model: keep-alive, ttl: 10m}}
            """;
        var a = Records(ScenarioLoader.Load(string.Format(yaml, ""), "a.yaml"));
        var b = Records(ScenarioLoader.Load(string.Format(yaml, ", warm_dispatch: {dist: constant, value: 5ms}"), "b.yaml"));
        Assert.Equal(a.Count, b.Count);
        Assert.True(a.Count(r => r.StartType == StartType.Warm) > 1000);
        for (int i = 0; i < a.Count; i++)
        {
            Assert.Equal(a[i].StartType, b[i].StartType); // the policy sees the same calls at the same times
            Assert.Equal(a[i].Exec, b[i].Exec);
            long shift = a[i].StartType == StartType.Warm ? 5_000 : 0;
            Assert.Equal(a[i].Latency.Micros + shift, b[i].Latency.Micros);
        }
        double meanA = a.Where(r => r.StartType == StartType.Warm).Average(r => r.Latency.Micros);
        double meanB = b.Where(r => r.StartType == StartType.Warm).Average(r => r.Latency.Micros);
        Assert.Equal(5_000, meanB - meanA, 6);
    }

    [Fact]
    public void Prewarm_dispatch_overhead_is_added_to_prewarm_calls_only()
    {
        const string yaml = """
            name: prewarm
            duration: 3000s
            seed: 12
            runtimes:
              - {{name: python, cold_start: {{dist: constant, value: 1s}}, init: {{dist: constant, value: 3ms}}{0}}}
            functions:
              - {{name: fn, runtime: python, exec: {{dist: exponential, mean: 100ms}}, arrivals: {{process: poisson, rate: 0.2}}}}
            models:
              - {{model: prewarm-pool, window: 1m}}
            """;
        var a = Records(ScenarioLoader.Load(string.Format(yaml, ""), "a.yaml"));
        var b = Records(ScenarioLoader.Load(string.Format(yaml, ", prewarm_dispatch: {dist: constant, value: 7ms}, warm_dispatch: {dist: constant, value: 1ms}"), "b.yaml"));
        Assert.True(a.Count(r => r.StartType == StartType.Prewarm) > 100);
        Assert.Equal(a.Count, b.Count);
        for (int i = 0; i < a.Count; i++)
        {
            Assert.Equal(a[i].StartType, b[i].StartType);
            long shift = a[i].StartType switch { StartType.Prewarm => 7_000, StartType.Warm => 1_000, _ => 0 };
            Assert.Equal(a[i].Latency.Micros + shift, b[i].Latency.Micros);
            Assert.Equal(a[i].Queue + SimDuration.FromMicros(shift), b[i].Queue); // counted as queue time
        }
    }
}
