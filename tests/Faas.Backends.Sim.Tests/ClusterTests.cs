namespace Faas.Backends.Sim.Tests;

/// <summary>
/// The multi-node cluster model: placement rules, eviction within the chosen node, core limits
/// (calls wait for a core; an idle container on a saturated node is not used) and per-node results.
/// Every sequence is hand-made with constant start (1 s) and execution times, so outcomes are exact.
/// </summary>
public class ClusterTests
{
    private const string KeepAlive = "{model: keep-alive, ttl: 1h}";

    /// <summary>The node of each function's idle container at the end of the run (−1: none).</summary>
    private static int[] NodeOfFunction(PolicyRuns.Result r, int functions)
    {
        var t = r.Run.Policy.Containers;
        var node = Enumerable.Repeat(-1, functions).ToArray();
        for (int f = 0; f < functions; f++)
            for (int c = t.MostRecentIdle(f); c >= 0; c = -1)
                node[f] = t.Node(c);
        return node;
    }

    /// <summary>Calls of f0..f(n−1), one every 0.2 s, all overlapping (each lasts 1 s start + 2 s exec).</summary>
    private static IEnumerable<Call> Overlapping(int n) => Enumerable.Range(0, n).Select(f => new Call(0.2 * f, f, 2.0));

    [Theory]
    [InlineData("first-fit", "{nodes: [{memory: 256MiB}, {memory: 256MiB}], placement: first-fit}", 3, new[] { 0, 0, 1 })]
    [InlineData("worst-fit", "{nodes: [{memory: 256MiB}, {memory: 256MiB}], placement: worst-fit}", 3, new[] { 0, 1, 0 })]
    [InlineData("best-fit", "{nodes: [{memory: 256MiB}, {memory: 512MiB}], placement: best-fit}", 3, new[] { 0, 0, 1 })]
    [InlineData("worst-fit, unequal", "{nodes: [{memory: 256MiB}, {memory: 512MiB}], placement: worst-fit}", 3, new[] { 1, 1, 0 })]
    [InlineData("round-robin", "{nodes: 3, node_memory: 1GiB, placement: round-robin}", 4, new[] { 0, 1, 2, 0 })]
    [InlineData("affinity", "{nodes: 3, node_memory: 1GiB, placement: affinity}", 5, new[] { 0, 1, 2, 0, 1 })]
    [InlineData("affinity, home full", "{nodes: 2, node_memory: 128MiB, placement: affinity}", 2, new[] { 0, 1 })]
    public void PlacementRulePicksTheNode(string rule, string cluster, int functions, int[] expected)
    {
        _ = rule;
        var r = PolicyRuns.Run(KeepAlive, Overlapping(functions), functions: functions, cluster: cluster);
        Assert.Equal(new string('C', functions), r.Types);
        Assert.Equal(expected, NodeOfFunction(r, functions));
        Assert.Equal(functions, r.Summary.Nodes!.Sum(n => n.ContainersCreated));
    }

    [Fact]
    public void AffinityMovesOnToTheNextNodeWhenTheHomeNodeIsFull()
    {
        // f0 and f2 share home node 0 (index mod 2), which holds one container: f2 goes to node 1.
        var r = PolicyRuns.Run(KeepAlive, [new Call(0, 0, 2.0), new Call(0.2, 2, 2.0)], functions: 3,
            cluster: "{nodes: 2, node_memory: 128MiB, placement: affinity}");
        Assert.Equal("CC", r.Types);
        Assert.Equal(new[] { 0, -1, 1 }, NodeOfFunction(r, 3));
    }

    [Fact]
    public void EvictionHappensOnThePlacedNodeNotAtTheGlobalLruVictim()
    {
        // Two nodes of one container each. f0 runs on node 0, f1 on node 1; f0 is used again later,
        // so the globally least recently used idle container is f1's (node 1). f2 needs room: first-fit
        // picks node 0 (as if idle memory were free) and evicts there, i.e. f0's container, so f1
        // stays warm and f0 is cold again. A single 256MiB node would have evicted f1 instead.
        Call[] calls = [new(0, 0), new(0.5, 1), new(2.0, 0), new(3.0, 2), new(4.5, 1), new(6.0, 0)];
        var r = PolicyRuns.Run(KeepAlive, calls, functions: 3, cluster: "{nodes: 2, node_memory: 128MiB}");
        Assert.Equal("CCWCWC", r.Types);
        var nodes = r.Summary.Nodes!;
        Assert.Equal(2, nodes[0].Evictions); // f0's container for f2, then f2's for f0
        Assert.Equal(0, nodes[1].Evictions);
        Assert.Equal(2, r.Run.Policy.Containers.Evictions);

        var single = PolicyRuns.Run(KeepAlive, calls, functions: 3, cluster: "256MiB");
        Assert.Equal("CCWCCC", single.Types); // global LRU: f1 goes for f2, so f1 is cold again
        Assert.Null(single.Summary.Nodes);
    }

    [Fact]
    public void CallsWaitForAFreeCore()
    {
        // Two nodes of one core: three simultaneous calls. Two start cold at once; the third waits
        // until the first finishes (1 s start + 1 s exec) and then takes its idle container (warm).
        Call[] calls = [new(0, 0, 1.0), new(0, 0, 1.0), new(0, 0, 1.0)];
        var r = PolicyRuns.Run(KeepAlive, calls, cluster: "{nodes: 2, node_memory: 1GiB, node_cores: 1}");
        Assert.Equal("CCW", r.Types);
        Assert.Equal(2.0, r.Records[2].Queue.Seconds, 6);
        Assert.All(r.Summary.Nodes!, n => Assert.Equal(1, n.ContainersCreated));

        var unlimited = PolicyRuns.Run(KeepAlive, calls, cluster: "{nodes: 2, node_memory: 1GiB}");
        Assert.Equal("CCC", unlimited.Types);
    }

    [Fact]
    public void AnIdleContainerOnASaturatedNodeIsNotUsed()
    {
        // f0's idle container is on node 0, whose only core is busy with f1: the next f0 call cannot
        // run there, so it starts cold on node 1. Without core limits it would be warm.
        Call[] calls = [new(0, 0), new(2.0, 1, 5.0), new(3.5, 0)];
        const string cores = "{nodes: 2, node_memory: 1GiB, node_cores: 1}";
        var r = PolicyRuns.Run(KeepAlive, calls, functions: 2, cluster: cores);
        Assert.Equal("CCC", r.Types);
        Assert.Equal(0.0, r.Records[2].Queue.Seconds, 6);
        var free = PolicyRuns.Run(KeepAlive, calls, functions: 2, cluster: "{nodes: 2, node_memory: 1GiB}");
        Assert.Equal("CCW", free.Types);
    }

    private static void Close(double expected, double actual) => Assert.InRange(actual, expected * (1 - 1e-9) - 1e-9, expected * (1 + 1e-9) + 1e-9);

    [Theory]
    [InlineData("{model: keep-alive, ttl: 30s}")]
    [InlineData("{model: faascache}")]
    [InlineData("{model: openwhisk}")]
    [InlineData("{model: prewarm-pool, window: 1m}")]
    [InlineData("{model: hybrid-histogram}")]
    [InlineData("{model: oracle}")]
    public void PerNodeResultsAddUpToTheTotalsAndNeverExceedANode(string model)
    {
        var rnd = new Random(5);
        var calls = Enumerable.Range(0, 400).Select(i => new Call(i * 0.37 + rnd.NextDouble() * 0.2, rnd.Next(8), 0.2 + rnd.NextDouble() * 2)).ToList();
        var r = PolicyRuns.Run(model, calls, functions: 8,
            cluster: "{nodes: [{name: a, memory: 256MiB, cores: 2}, {name: b, memory: 512MiB, cores: 3}, {name: c, memory: 384MiB}], placement: best-fit}");
        var nodes = r.Summary.Nodes!;
        Assert.Equal(["a", "b", "c"], nodes.Select(n => n.Node));
        Assert.Equal(r.Summary.ContainersCreated, nodes.Sum(n => n.ContainersCreated));
        Close(r.Summary.IdleMemGbS, nodes.Sum(n => n.IdleMemGbS));
        Close(r.Summary.UsedMemGbS, nodes.Sum(n => n.UsedMemGbS));
        Close(r.Summary.MeanBusyContainers, nodes.Sum(n => n.MeanBusyContainers));
        Assert.All(nodes, n => Assert.InRange(n.PeakUsedBytes, 0, n.MemoryBytes));
        Assert.InRange(nodes[0].CoreUtilisation, 0, 1);
        Assert.True(double.IsNaN(nodes[2].CoreUtilisation));
        Assert.Equal(400, r.Summary.Invocations);
        Assert.Equal(400, r.Records.Count);
    }
}
