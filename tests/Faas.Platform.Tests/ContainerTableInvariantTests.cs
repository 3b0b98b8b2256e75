using Faas.Engine;

namespace Faas.Platform.Tests;

/// <summary>The table as the sum of its parts: the books agree with the containers after any sequence of moves.</summary>
public class ContainerTableInvariantTests
{
    private static ClusterSpec Cluster(PlacementRule rule, params (long Memory, int Cores)[] nodes) =>
        new([.. nodes.Select((n, i) => new NodeSpec($"node{i}", n.Memory, n.Cores))], rule);

    /// <summary>Recomputes every book from the containers themselves and checks the table agrees, and that no node is overdrawn.</summary>
    private static void AssertBooksBalance(ContainerTable t, IReadOnlyCollection<int> live, int keys)
    {
        for (int n = 0; n < t.NodeCount; n++)
        {
            var on = live.Where(c => t.Node(c) == n).ToList();
            long used = on.Sum(t.Memory);
            long idle = on.Where(c => t.State(c) == ContainerState.Idle).Sum(t.Memory);
            int cores = on.Count(c => t.State(c) == ContainerState.Busy || (t.State(c) == ContainerState.Starting && t.BoundCall(c) >= 0));
            Assert.Equal(used, t.NodeUsedBytes(n));
            Assert.Equal(idle, t.NodeIdleBytes(n));
            Assert.Equal(cores, t.NodeCoresUsed(n));
            Assert.True(used <= t.NodeCapacity(n), $"node {n} holds {used} of {t.NodeCapacity(n)} bytes");
            Assert.True(t.NodeCores(n) == 0 || cores <= t.NodeCores(n), $"node {n} runs {cores} of {t.NodeCores(n)} cores");
        }
        Assert.Equal(live.Count, t.LiveCount);
        Assert.Equal(live.Count(c => t.State(c) == ContainerState.Idle), t.IdleCount);
        Assert.Equal(live.Count(c => t.State(c) == ContainerState.Busy), t.BusyCount);
        Assert.Equal(live.Sum(t.Memory), t.UsedBytes);
        for (int k = 0; k < keys; k++)
            Assert.Equal(live.Count(c => t.State(c) == ContainerState.Idle && t.Key(c) == k), t.IdleOfKey(k));
        // lazily integrated node areas add up to the eagerly integrated cluster's (integer-valued, so exactly)
        Assert.Equal(t.UsedMemoryArea, Enumerable.Range(0, t.NodeCount).Sum(t.NodeUsedMemoryArea));
        Assert.Equal(t.IdleMemoryArea, Enumerable.Range(0, t.NodeCount).Sum(t.NodeIdleMemoryArea));
        Assert.Equal(t.BusyArea, Enumerable.Range(0, t.NodeCount).Sum(t.NodeBusyArea));
    }

    [Theory]
    [InlineData(PlacementRule.FirstFit)]
    [InlineData(PlacementRule.BestFit)]
    [InlineData(PlacementRule.WorstFit)]
    [InlineData(PlacementRule.RoundRobin)]
    [InlineData(PlacementRule.Affinity)]
    public void NoNodeIsEverOverdrawnAndTheBooksBalance(PlacementRule rule)
    {
        const int Keys = 4;
        var t = new ContainerTable(Cluster(rule, (1000, 2), (600, 1), (1500, 0)));
        var live = new List<int>();
        var random = new Random(18); // seeded: the same sequence on every run
        for (long now = 0; now < 3000; now += random.Next(3))
        {
            var at = new SimTime(now);
            int key = random.Next(Keys);
            long memory = 100 * (1 + random.Next(5));
            switch (random.Next(5))
            {
                case 0: // a cold start where placement finds room, else evict there as a policy does
                    {
                        int node = t.Place(memory, key, 0, needCore: true);
                        if (node < 0)
                        {
                            node = t.PlaceAfterEviction(memory, key, 0, needCore: true);
                            if (node < 0) break;
                            while (!t.FitsOn(node, memory))
                            {
                                int victim = t.LeastRecentIdleOnNode(node);
                                t.CountEviction(node);
                                t.Remove(at, victim);
                                live.Remove(victim);
                            }
                        }
                        live.Add(t.Create(at, 0, key, memory, boundCall: 1, node));
                        break;
                    }
                case 1: // a pool container, placed by the table
                    if (t.Place(memory, -1, 0, needCore: false) >= 0) live.Add(t.Create(at, 0, -1, memory, boundCall: -1));
                    break;
                case 2: // a starting or busy container goes idle
                    {
                        var c = live.Where(c => t.State(c) is ContainerState.Starting or ContainerState.Busy).ToList();
                        if (c.Count > 0) t.SetIdle(at, c[random.Next(c.Count)], key);
                        break;
                    }
                case 3: // a call takes a usable idle container of its key
                    {
                        int c = random.Next(2) == 0 ? t.MostRecentUsable(key) : t.LeastRecentUsable(key);
                        if (c >= 0) t.SetBusy(at, c, key);
                        break;
                    }
                default:
                    if (live.Count > 0)
                    {
                        int c = live[random.Next(live.Count)];
                        t.Remove(at, c);
                        live.Remove(c);
                    }
                    break;
            }
            AssertBooksBalance(t, live, Keys);
        }
        Assert.True(t.Evictions > 0 && t.Created > 100, $"the sequence should fill the cluster: {t.Created} created, {t.Evictions} evicted");
    }

    [Fact]
    public void BecomingBusyWithoutAFreeCoreThrowsAndTheContainerStaysIdle()
    {
        var t = new ContainerTable(Cluster(PlacementRule.FirstFit, (1000, 1)));
        int a = t.Create(SimTime.Zero, 0, -1, 100, boundCall: -1);
        int b = t.Create(SimTime.Zero, 0, -1, 100, boundCall: -1);
        t.SetIdle(new SimTime(1), a, 0);
        t.SetIdle(new SimTime(2), b, 0);
        t.SetBusy(new SimTime(3), b, 0);
        Assert.Equal(-1, t.MostRecentUsable(0)); // a is idle, but its node's only core is in use
        Assert.Throws<InvalidOperationException>(() => t.SetBusy(new SimTime(4), a, 0));
        Assert.Equal((ContainerState.Idle, 0, 1), (t.State(a), t.Key(a), t.IdleOfKey(0)));
        Assert.Equal((1, 1), (t.NodeCoresUsed(0), t.BusyCount));
    }

    [Fact]
    public void UsableContainersSkipNodesWithoutAFreeCore()
    {
        var t = new ContainerTable(Cluster(PlacementRule.FirstFit, (1000, 1), (1000, 1)));
        int onNode0 = t.Create(SimTime.Zero, 0, -1, 100, boundCall: -1, node: 0);
        int onNode1 = t.Create(SimTime.Zero, 0, -1, 100, boundCall: -1, node: 1);
        int busy = t.Create(SimTime.Zero, 0, 5, 100, boundCall: 9, node: 1); // a cold start: node 1's core
        t.SetIdle(new SimTime(1), onNode0, 0);
        t.SetIdle(new SimTime(2), onNode1, 0);
        Assert.Equal((onNode1, onNode0), (t.MostRecentIdle(0), t.LeastRecentIdle(0)));
        Assert.Equal(onNode0, t.MostRecentUsable(0));
        t.Remove(new SimTime(3), busy);
        Assert.Equal(onNode1, t.MostRecentUsable(0));
        t.SetBusy(new SimTime(4), onNode0, 0);
        Assert.Equal(onNode1, t.LeastRecentUsable(0));
    }

    [Fact]
    public void AnIllegalMoveThroughTheTableLeavesItAsItWas()
    {
        var t = new ContainerTable(1000);
        int a = t.Create(SimTime.Zero, 0, 0, 100, boundCall: -1);
        int b = t.Create(SimTime.Zero, 0, 0, 100, boundCall: -1);
        t.SetIdle(new SimTime(1), a, 0);
        t.SetIdle(new SimTime(2), b, 0);
        Assert.Throws<InvalidOperationException>(() => t.SetIdle(new SimTime(3), a, 0)); // already idle
        Assert.Equal((a, b, 2, 2), (t.LeastRecentIdle(0), t.MostRecentIdle(0), t.IdleOfKey(0), t.Generation(a)));
        t.Remove(new SimTime(4), a);
        Assert.Throws<InvalidOperationException>(() => t.Remove(new SimTime(5), a));
        Assert.Equal((1, 100L, 1), (t.LiveCount, t.UsedBytes, t.IdleOfKey(0)));
    }

    [Fact]
    public void ASteadyCycleOfMovesDoesNotAllocate()
    {
        var t = new ContainerTable(Cluster(PlacementRule.RoundRobin, (1L << 30, 4), (1L << 30, 4)));
        long now = 0;
        void Cycle()
        {
            for (int i = 0; i < 8; i++)
            {
                int c = t.Create(new SimTime(now++), i % 2, i, 1 << 20, boundCall: i % 3 == 0 ? i : -1);
                t.SetIdle(new SimTime(now++), c, i);
                int w = t.MostRecentUsable(i);
                t.SetBusy(new SimTime(now++), w, i);
                t.SetIdle(new SimTime(now++), w, i);
                _ = t.LeastRecentIdleOverall + t.NodeIdleMemoryArea(0) + t.Place(1 << 20, i, 0, needCore: true);
                t.Remove(new SimTime(now++), t.LeastRecentIdle(i));
            }
        }
        Cycle(); // warm-up: JIT, and the arrays grow to the run's ids
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++) Cycle();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
