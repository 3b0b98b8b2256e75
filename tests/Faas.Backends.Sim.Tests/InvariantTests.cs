using Faas.Platform;
using Faas.Platform.Results;
using Faas.Scenarios;
using Faas.TestSupport;

namespace Faas.Backends.Sim.Tests;

/// <summary>Properties that must hold in every run: conservation, capacity, container exclusivity.</summary>
public class InvariantTests
{
    private static readonly string[] AllModels =
    [
        "{model: keep-alive, ttl: 30s}",
        "{model: prewarm-pool, window: 1m}",
        "{model: cold-only}",
        "{model: fixed-pool, size: 1}",
    ];

    public static IEnumerable<object[]> Models() => AllModels.Select(m => new object[] { m });

    /// <summary>A saturated scenario: 20 functions, bursty, on a cluster that holds only 8 containers.</summary>
    private static Scenario Saturated(string model) => TestScenarios.Make(
        arrivals: "{process: on-off, on: 20s, off: 40s, mean_interval: 2s}",
        exec: "{dist: exponential, mean: 1500ms}",
        coldStart: "{dist: lognormal, median: 400ms, p99: 1s}",
        init: "{dist: constant, value: 10ms}",
        model: model, duration: "1h", count: 20, cluster: "1GiB", memory: "128MiB");

    [Theory]
    [MemberData(nameof(Models))]
    public void EveryArrivalEndsAsExactlyOneRecord(string model)
    {
        var s = Saturated(model);
        var obs = new CollectingObserver();
        var r = TestScenarios.Run(s, observer: obs);
        Assert.Equal(r.Invocations, obs.Records.Count);
        Assert.Equal(r.Invocations, r.Completed + r.Failed + r.Dropped);
        var ids = obs.Records.Select(x => x.Invocation).OrderBy(x => x).ToList();
        Assert.Equal(Enumerable.Range(0, ids.Count).Select(i => (long)i), ids);
        Assert.True(obs.Records.Any(x => x.Queue.Micros > 0 || x.Status == CallStatus.Dropped), "the scenario should saturate the cluster so that calls queue (or, in a loss system, drop)");
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void MemoryNeverExceedsClusterCapacity(string model)
    {
        var s = Saturated(model);
        var run = new SimulationRun(s, s.Models[0], 0);
        run.Run();
        Assert.InRange(run.Policy.Containers.PeakUsedBytes, 1, s.Cluster.MemoryBytes);
    }

    [Fact]
    public void KeepAliveContainerNeverServesTwoFunctions()
    {
        var s = Saturated("{model: keep-alive, ttl: 5m}");
        var obs = new CollectingObserver();
        TestScenarios.Run(s, observer: obs);
        var byContainer = obs.Records.Where(r => r.Status == CallStatus.Completed).GroupBy(r => r.Container);
        Assert.All(byContainer, g => Assert.Single(g.Select(r => r.Function).Distinct()));
        Assert.Contains(byContainer, g => g.Count() > 1); // containers are reused at all
    }

    [Fact]
    public void PrewarmContainerIsNeverReused()
    {
        var s = Saturated("{model: prewarm-pool, window: 1m}");
        var obs = new CollectingObserver();
        TestScenarios.Run(s, observer: obs);
        var completed = obs.Records.Where(r => r.Status == CallStatus.Completed).ToList();
        Assert.All(completed, r => Assert.True(r.Container > 0));
        Assert.Equal(completed.Count, completed.Select(r => r.Container).Distinct().Count());
        Assert.Contains(completed, r => r.StartType == StartType.Prewarm);
        Assert.DoesNotContain(completed, r => r.StartType == StartType.Warm);
    }

    [Fact]
    public void PhasesAddUpAndFollowTheStartType()
    {
        var s = Saturated("{model: keep-alive, ttl: 1m}");
        var obs = new CollectingObserver();
        TestScenarios.Run(s, observer: obs);
        foreach (var r in obs.Records)
        {
            Assert.Equal(r.Queue + r.Startup + r.Init + r.Exec, r.Latency);
            if (r.StartType == StartType.Warm) Assert.Equal(0, r.Init.Micros + r.Startup.Micros);
            if (r.StartType == StartType.Cold) Assert.True(r.Startup.Micros > 0);
        }
    }

    [Fact]
    public void SameFunctionCallsDrawTheSameExecutionTimesUnderEveryModel()
    {
        // common random numbers: arrivals and execution times do not depend on the model
        var s = TestScenarios.Make(arrivals: "{process: poisson, rate: 2}", exec: "{dist: exponential, mean: 300ms}", duration: "10m", count: 3,
            model: "{model: keep-alive}", extraModels: "{model: cold-only}");
        var a = new CollectingObserver();
        var b = new CollectingObserver();
        TestScenarios.Run(s, observer: a, model: 0);
        TestScenarios.Run(s, observer: b, model: 1);
        var ea = a.Records.OrderBy(r => r.Invocation).Select(r => (r.Arrival, r.Function, r.Exec));
        var eb = b.Records.OrderBy(r => r.Invocation).Select(r => (r.Arrival, r.Function, r.Exec));
        Assert.Equal(ea, eb);
    }
}
