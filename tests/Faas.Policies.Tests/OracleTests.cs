namespace Faas.Policies.Tests;

/// <summary>oracle on hand-made sequences: 128 MiB containers, 1 s cold start, 0.1 s calls.</summary>
public class OracleTests
{
    [Fact]
    public void KeepsAContainerExactlyWhileItsFunctionWillBeCalledAgain()
    {
        var r = Harness.Run("{model: oracle}", [new(0, 0), new(600, 0), new(7200, 0)]);
        Assert.Equal("CWW", r.Types);
        Assert.Equal(0, r.Run.Policy.Containers.LiveCount); // removed after the last call, not kept idle
        Assert.Equal(3, r.Records.Count);
    }

    [Fact]
    public void MaxIdleDropsContainersWhoseNextUseIsTooFar()
    {
        var r = Harness.Run("{model: oracle, max_idle: 1h}", [new(0, 0), new(600, 0), new(7200, 0)]);
        Assert.Equal("CWC", r.Types);
    }

    [Fact]
    public void EvictsTheContainerUsedFurthestInTheFuture()
    {
        // two-container server; at t=20 f2 needs room: f0 is next called at 40, f1 at 30 -> f0 goes
        // (LRU evicts f1, idle longer, and misses twice)
        var calls = new Call[] { new(0, 1), new(10, 0), new(20, 2), new(30, 1), new(40, 0) };
        Assert.Equal("CCCWC", Harness.Run("{model: oracle}", calls, functions: 3, cluster: "256MiB").Types);
        Assert.Equal("CCCCC", Harness.Run("{model: keep-alive, ttl: inf}", calls, functions: 3, cluster: "256MiB").Types);
    }

    /// <summary>Belady's optimal number of misses for a cache of <paramref name="size"/> unit items.</summary>
    private static int BeladyMisses(int[] seq, int size)
    {
        var cache = new HashSet<int>();
        int misses = 0;
        for (int i = 0; i < seq.Length; i++)
        {
            if (cache.Contains(seq[i])) continue;
            misses++;
            if (cache.Count == size)
            {
                int victim = cache.OrderByDescending(x => { int j = Array.IndexOf(seq, x, i + 1); return j < 0 ? int.MaxValue : j; }).ThenBy(x => x).First();
                cache.Remove(victim);
            }
            cache.Add(seq[i]);
        }
        return misses;
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    public void NonOverlappingCallsGetBeladysOptimumAndNoOtherModelDoesBetter(int seed, int slots)
    {
        var rng = new Random(seed); // test data only
        int[] seq = Enumerable.Range(0, 200).Select(_ => rng.Next(6)).ToArray();
        var calls = seq.Select((f, i) => new Call(i * 10.0, f)).ToArray(); // 10 s apart, 1.1 s each: never overlapping
        string cluster = $"{128 * slots}MiB";
        var oracle = Harness.Run("{model: oracle}", calls, functions: 6, cluster: cluster);
        Assert.Equal(BeladyMisses(seq, slots), (int)oracle.Summary.Cold);
        foreach (var m in new[] { "{model: keep-alive, ttl: inf}", "{model: keep-alive, ttl: 30s}", "{model: faascache}", "{model: hybrid-histogram}", "{model: openwhisk, initial: 0, min: 0}" })
        {
            var other = Harness.Run(m, calls, functions: 6, cluster: cluster);
            Assert.True(other.Summary.Cold + other.Summary.Prewarm >= oracle.Summary.Cold, $"{m}: {other.Summary.Cold} cold < oracle {oracle.Summary.Cold}");
        }
    }
}
