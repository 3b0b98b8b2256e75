using Faas.Platform.Policies;

namespace Faas.Backends.Sim.Tests;

/// <summary>faascache on hand-made sequences: 128 MiB containers, 1 s cold start, 0.1 s calls.</summary>
public class FaasCacheTests
{
    /// <summary>f0 three times, f1 once, then f2 needs room in a two-container server, then f0 and f1 again.</summary>
    private static readonly Call[] FrequencyBeatsRecency =
    [
        new(0, 0), new(2, 0), new(3, 0), new(4, 1), new(6, 2), new(8, 0), new(9, 1),
    ];

    [Fact]
    public void EvictsTheLeastFrequentFunctionNotTheLeastRecent()
    {
        var r = PolicyRuns.Run("{model: faascache}", FrequencyBeatsRecency, functions: 3, cluster: "256MiB");
        Assert.Equal("CWWCCWC", r.Types);
    }

    [Fact]
    public void KeepAliveWithLruEvictsTheLeastRecentOnTheSameSequence()
    {
        var r = PolicyRuns.Run("{model: keep-alive, ttl: inf}", FrequencyBeatsRecency, functions: 3, cluster: "256MiB");
        Assert.Equal("CWWCCCC", r.Types);
    }

    [Fact]
    public void ClockBecomesThePriorityOfTheLastEvicted()
    {
        // t=6: f1 (freq 1) evicted, clock = 1·cost/size; f2 gets clock + 1·cost/size.
        // t=9: f2 (freq 1) evicted, clock = its priority = 2·cost/size. cost 1 s, size 128 MiB.
        var r = PolicyRuns.Run("{model: faascache}", FrequencyBeatsRecency, functions: 3, cluster: "256MiB");
        var p = r.Policy<FaasCachePolicy>();
        Assert.Equal(2.0 / 128, p.Clock, 12);
        Assert.Equal(2.0 / 128 + 1.0 / 128, p.Priority(1), 12); // f1 cold again at t=9
        Assert.Equal(1.0 / 128 + 4.0 / 128, p.Priority(0), 12); // f0's 4th call at t=8, clock then 1/128
    }

    [Fact]
    public void BiggerContainersGoFirstAtEqualFrequency()
    {
        // f0 256 MiB and f1 128 MiB called once each; f2 (128 MiB) needs room in 384 MiB: f0 (1/256) goes.
        var calls = new Call[] { new(0, 0), new(1, 1), new(3, 2), new(5, 1), new(7, 0) };
        var r = PolicyRuns.Run("{model: faascache}", calls, functions: 3, cluster: "384MiB",
            functionMemory: [256L << 20, 128L << 20, 128L << 20]);
        Assert.Equal("CCCWC", r.Types);
    }

    [Fact]
    public void NoTimeoutWithoutMemoryPressure()
    {
        var r = PolicyRuns.Run("{model: faascache}", [new(0, 0), new(3600, 0), new(36000, 0)]);
        Assert.Equal("CWW", r.Types);
    }

    [Theory]
    [InlineData("{model: faascache, when_full: drop}", "CD")]
    [InlineData("{model: faascache}", "CC")]
    public void WhenFullDropsOrQueues(string model, string types)
    {
        var r = PolicyRuns.Run(model, [new(0, 0, Exec: 10), new(2, 1)], functions: 2, cluster: "128MiB");
        Assert.Equal(types, r.Types);
    }
}
