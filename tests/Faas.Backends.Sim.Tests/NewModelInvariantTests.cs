using Faas.Platform;
using Faas.Platform.Results;
using Faas.Scenarios;
using Faas.TestSupport;
using Faas.Workloads;

namespace Faas.Backends.Sim.Tests;

/// <summary>What must hold for every new model on a saturated, bursty scenario: conservation, capacity, determinism, exclusivity.</summary>
public class NewModelInvariantTests
{
    public static IEnumerable<object[]> Models() => new[]
    {
        "{model: faascache}",
        "{model: faascache, when_full: drop}",
        "{model: hybrid-histogram}",
        "{model: hybrid-histogram, per: function, when_full: drop}",
        "{model: openwhisk}",
        "{model: openwhisk, reactive: false, when_full: drop}",
        "{model: oracle}",
        "{model: oracle, horizon: 5m, when_full: drop}",
        "{model: prewarm-pool, scope: function, window: 1m}",
        "{model: prewarm-pool, reuse: true, window: 1m}",
        "{model: keep-alive, ttl: 30s, ttl_from: start, when_full: drop}",
    }.Select(m => new object[] { m });

    /// <summary>20 functions of 4 apps, bursty, on a cluster that holds only 8 containers.</summary>
    private static Scenario Saturated(string model)
    {
        var s = ScenarioLoader.Load($$$"""
            name: saturated
            duration: 1h
            seed: 3
            runtimes:
              - {name: python, memory: 128MiB, cold_start: {dist: lognormal, median: 400ms, p99: 1s}, init: {dist: constant, value: 10ms}}
            functions:
              - {name: fn, count: 20, runtime: python, exec: {dist: exponential, mean: 1500ms}, arrivals: {process: on-off, on: 20s, off: 40s, mean_interval: 2s}}
            cluster: {memory: 1GiB}
            models:
              - {{{model}}}
            """, "saturated.yaml");
        return s with { Functions = s.Functions.Select((f, i) => f with { App = "app" + (i % 4) }).ToList() };
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void EveryArrivalEndsOnceAndMemoryStaysWithinCapacity(string model)
    {
        var s = Saturated(model);
        var obs = new CollectingObserver();
        var run = new SimulationRun(s, s.Models[0], 0, obs);
        var r = run.Run();
        Assert.True(r.Invocations > 10_000);
        Assert.Equal(r.Invocations, obs.Records.Count);
        Assert.Equal(r.Invocations, r.Completed + r.Failed + r.Dropped);
        Assert.Equal(Enumerable.Range(0, obs.Records.Count).Select(i => (long)i), obs.Records.Select(x => x.Invocation).Order());
        Assert.InRange(run.Policy.Containers.PeakUsedBytes, 1, s.Cluster.MemoryBytes);
        Assert.True(obs.Records.Any(x => x.Queue.Micros > 0 || x.Status == CallStatus.Dropped), "the cluster should saturate");
        foreach (var x in obs.Records)
        {
            Assert.Equal(x.Queue + x.Startup + x.Init + x.Exec, x.Latency);
            if (x.StartType == StartType.Warm) Assert.Equal(0, x.Init.Micros + x.Startup.Micros);
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void SameSeedSameRecords(string model)
    {
        var s = Saturated(model);
        var a = new CollectingObserver();
        var b = new CollectingObserver();
        new SimulationRun(s, s.Models[0], 1, a).Run();
        new SimulationRun(s, s.Models[0], 1, b).Run();
        Assert.Equal(a.Records, b.Records);
    }

    [Theory]
    [InlineData("{model: faascache}")]
    [InlineData("{model: hybrid-histogram}")]
    [InlineData("{model: openwhisk}")]
    [InlineData("{model: oracle}")]
    public void AWarmContainerOnlyEverServesOneFunction(string model)
    {
        var s = Saturated(model);
        var obs = new CollectingObserver();
        new SimulationRun(s, s.Models[0], 0, obs).Run();
        var byContainer = obs.Records.Where(r => r.Status == CallStatus.Completed && r.StartType == StartType.Warm).GroupBy(r => r.Container);
        var all = obs.Records.Where(r => r.Status == CallStatus.Completed).GroupBy(r => r.Container).ToDictionary(g => g.Key, g => g.Select(r => r.Function).Distinct().Count());
        Assert.All(byContainer, g => Assert.Equal(1, all[g.Key]));
        Assert.NotEmpty(byContainer);
    }

    [Fact]
    public void OracleFailsClearlyOutsideTheSimulator()
    {
        var s = Saturated("{model: oracle}");
        var policy = s.Models[0].CreatePolicy(s.ToPlatformSpec());
        var e = Assert.Throws<InvalidOperationException>(() => policy.OnStart(default, new ActionBuffer()));
        Assert.Contains("only the simulator", e.Message);
    }

    [Theory]
    [InlineData("{model: faascache, when_full: sometimes}", "when_full")]
    [InlineData("{model: hybrid-histogram, per: owner}", "per")]
    [InlineData("{model: hybrid-histogram, head: 50, tail: 10}", "tail")]
    [InlineData("{model: openwhisk, min: 3, max: 2}", "max")]
    [InlineData("{model: oracle, horizon: 0s}", "horizon")]
    [InlineData("{model: prewarm-pool, scope: app}", "scope")]
    [InlineData("{model: keep-alive, ttl_from: middle}", "ttl_from")]
    [InlineData("{model: openwhisk, stem: 3}", "stem")]
    public void BadOptionsAreLocatedErrors(string model, string key)
    {
        var s = Saturated(model);
        var e = Assert.Throws<ScenarioException>(() => s.ValidateModels());
        Assert.Contains(key, e.Message);
        Assert.Contains("saturated.yaml:", e.Message);
    }
}
