namespace Faas.Backends.Sim.Tests;

/// <summary>oracle on hand-made sequences: 128 MiB containers, 1 s cold start, 0.1 s calls.</summary>
public class OracleTests
{
    [Fact]
    public void KeepsAContainerExactlyWhileItsFunctionWillBeCalledAgain()
    {
        var r = PolicyRuns.Run("{model: oracle}", [new(0, 0), new(600, 0), new(7200, 0)]);
        Assert.Equal("CWW", r.Types);
        Assert.Equal(0, r.Run.Policy.Containers.LiveCount); // removed after the last call, not kept idle
        Assert.Equal(3, r.Records.Count);
    }

    [Fact]
    public void MaxIdleDropsContainersWhoseNextUseIsTooFar()
    {
        var r = PolicyRuns.Run("{model: oracle, max_idle: 1h}", [new(0, 0), new(600, 0), new(7200, 0)]);
        Assert.Equal("CWC", r.Types);
    }

    [Fact]
    public void EvictsTheContainerUsedFurthestInTheFuture()
    {
        // two-container server; at t=20 f2 needs room: f0 is next called at 40, f1 at 30 -> f0 goes
        // (LRU evicts f1, idle longer, and misses twice)
        var calls = new Call[] { new(0, 1), new(10, 0), new(20, 2), new(30, 1), new(40, 0) };
        Assert.Equal("CCCWC", PolicyRuns.Run("{model: oracle}", calls, functions: 3, cluster: "256MiB").Types);
        Assert.Equal("CCCCC", PolicyRuns.Run("{model: keep-alive, ttl: inf}", calls, functions: 3, cluster: "256MiB").Types);
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
        var oracle = PolicyRuns.Run("{model: oracle}", calls, functions: 6, cluster: cluster);
        Assert.Equal(BeladyMisses(seq, slots), (int)oracle.Summary.Cold);
        foreach (var m in new[] { "{model: keep-alive, ttl: inf}", "{model: keep-alive, ttl: 30s}", "{model: faascache}", "{model: hybrid-histogram}", "{model: openwhisk, initial: 0, min: 0}" })
        {
            var other = PolicyRuns.Run(m, calls, functions: 6, cluster: cluster);
            Assert.True(other.Summary.Cold + other.Summary.Prewarm >= oracle.Summary.Cold, $"{m}: {other.Summary.Cold} cold < oracle {oracle.Summary.Cold}");
        }
    }

    /// <summary>
    /// Random overlapping calls of <paramref name="functions"/> functions at whole even milliseconds,
    /// lasting odd milliseconds (so no call ends exactly when another arrives).
    /// </summary>
    private static Call[] Overlapping(int seed, int functions, int count, double meanGapMs, int maxExecMs)
    {
        var rng = new Random(seed); // test data only
        var calls = new Call[count];
        long t = 0;
        for (int i = 0; i < count; i++)
        {
            t += 2 * (1 + rng.Next((int)meanGapMs));
            calls[i] = new Call(t / 1000.0, rng.Next(functions), (2 * rng.Next(maxExecMs / 2) + 1) / 1000.0);
        }
        return calls;
    }

    /// <summary>
    /// The fewest cold starts of any on-demand policy with unlimited memory, replayed independently:
    /// per function, a call is cold exactly when every container created so far is busy (a cold
    /// call holds its container for the cold start plus its execution). With a zero cold start this
    /// is the number of times the function's concurrency exceeds every earlier peak.
    /// </summary>
    private static int MinimumColdStarts(IEnumerable<Call> calls, double coldStart)
    {
        int cold = 0;
        foreach (var g in calls.GroupBy(c => c.Function))
        {
            var freeAt = new List<long>(); // one per container ever created
            foreach (var c in g.OrderBy(c => c.At))
            {
                long a = (long)Math.Round(c.At * 1e6), e = (long)Math.Round(c.Exec * 1e6);
                int free = freeAt.FindIndex(f => f <= a);
                if (free >= 0) freeAt[free] = a + e;
                else
                {
                    cold++;
                    freeAt.Add(a + (long)Math.Round(coldStart * 1e6) + e);
                }
            }
        }
        return cold;
    }

    /// <summary>Σ over functions of the peak number of calls in progress at once (zero cold start).</summary>
    private static int PeakConcurrency(IEnumerable<Call> calls) =>
        calls.GroupBy(c => c.Function).Sum(g => g.Max(c => g.Count(o => o.At <= c.At && c.At < o.At + o.Exec)));

    [Theory]
    [InlineData(1, 0.0)]
    [InlineData(2, 0.0)]
    [InlineData(3, 1.0)]
    [InlineData(4, 0.25)]
    public void UnlimitedMemoryOverlappingCallsGetTheFewestColdStartsPossible(int seed, double coldStart)
    {
        var calls = Overlapping(seed, functions: 4, count: 600, meanGapMs: 150, maxExecMs: 1200);
        var r = PolicyRuns.Run("{model: oracle}", calls, functions: 4, coldStart: coldStart);
        int minimum = MinimumColdStarts(calls, coldStart);
        if (coldStart == 0) Assert.Equal(PeakConcurrency(calls), minimum); // the two derivations agree
        Assert.True(minimum > 4, $"calls should overlap: minimum {minimum}");
        Assert.Equal(minimum, (int)r.Summary.Cold);
        Assert.Equal(0, r.Summary.Dropped);
    }

    [Fact]
    public void EvictionCountsBusyContainersThatFreeUpBeforeTheNextCall()
    {
        // three slots. f0: a 10 s call at 0 and a short one at 1 (two containers; the second idle
        // from 2.1); f1 at 3. At 5, f2 needs a slot: f0 is next called at 12 and 12.5, f1 at 20.
        // f0's first container frees at 11 and serves both, so f0's idle one is never needed: it goes,
        // and f1 stays warm. Counting only idle containers, f0's spare looked needed at 12 (before
        // f1's 20) and f1's container was evicted.
        var calls = new Call[] { new(0, 0, 10), new(1, 0), new(3, 1), new(5, 2), new(12, 0), new(12.5, 0), new(20, 1) };
        var oracle = PolicyRuns.Run("{model: oracle}", calls, functions: 3, cluster: "384MiB");
        Assert.Equal("CCCCWWW", oracle.Types);
        foreach (var m in new[] { "{model: keep-alive, ttl: inf}", "{model: keep-alive, ttl: 30s}", "{model: faascache}" })
        {
            var other = PolicyRuns.Run(m, calls, functions: 3, cluster: "384MiB");
            Assert.True(other.Summary.Cold >= oracle.Summary.Cold, $"{m}: {other.Types}");
        }
    }

    [Theory]
    [InlineData(11, 2)]
    [InlineData(12, 3)]
    [InlineData(13, 4)]
    public void SmallMemoryOverlappingCallsNoFewerColdStartsForLruKeepAliveOrFaasCache(int seed, int slots)
    {
        // one container size, calls overlapping within a function (up to 3 s long, ~1 s apart)
        var calls = Overlapping(seed, functions: 5, count: 300, meanGapMs: 500, maxExecMs: 3000);
        string cluster = $"{128 * slots}MiB";
        var oracle = PolicyRuns.Run("{model: oracle}", calls, functions: 5, cluster: cluster);
        foreach (var m in new[] { "{model: keep-alive, ttl: inf}", "{model: keep-alive, ttl: 10s}", "{model: faascache}" })
        {
            var other = PolicyRuns.Run(m, calls, functions: 5, cluster: cluster);
            Assert.True(other.Summary.Cold >= oracle.Summary.Cold, $"{m}: {other.Summary.Cold} cold < oracle {oracle.Summary.Cold}");
        }
    }
}
