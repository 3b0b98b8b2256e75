using Faas.Platform.Containers;

namespace Faas.Platform.Tests;

/// <summary>Where a new container goes, by each placement rule, on small hand-made ledgers.</summary>
public class NodePlacementTests
{
    /// <summary>Three nodes of 1000 B holding 700, 200 and 500 B (free 300, 800, 500); node 0's 700 B are idle containers (600 B) and one starting (100 B).</summary>
    private static NodeLedger ThreeNodes(int cores = 0)
    {
        var ledger = new NodeLedger([(1000, cores), (1000, cores), (1000, cores)]);
        ledger.Enter(0, 600, holdsCore: false);
        ledger.Move(0, ContainerState.Starting, false, ContainerState.Idle, 600);
        ledger.Enter(0, 100, holdsCore: false);
        ledger.Enter(2, 500, holdsCore: false);
        ledger.Enter(1, 200, holdsCore: false); // the latest entry: round robin goes on after node 1
        return ledger;
    }

    private static int Place(in NodeLedger ledger, PlacementRule rule, long bytes, int function = 0, int runtime = 0, bool needCore = false, bool afterEviction = false) =>
        NodePlacement.Choose(ledger, rule, bytes, function, runtime, needCore, afterEviction);

    [Theory]
    [InlineData(PlacementRule.FirstFit, 300, 0)]   // the first with room, even exactly full
    [InlineData(PlacementRule.FirstFit, 400, 1)]
    [InlineData(PlacementRule.BestFit, 400, 2)]    // least free that fits: 500
    [InlineData(PlacementRule.WorstFit, 400, 1)]   // most free: 800
    [InlineData(PlacementRule.RoundRobin, 300, 2)] // after node 1, the last one entered
    [InlineData(PlacementRule.RoundRobin, 600, 1)] // wraps around to node 1 itself
    public void EachRuleChoosesAmongTheNodesWithRoom(PlacementRule rule, long bytes, int node) =>
        Assert.Equal(node, Place(ThreeNodes(), rule, bytes));

    [Theory]
    [InlineData(PlacementRule.BestFit)]
    [InlineData(PlacementRule.WorstFit)]
    public void BetweenNodesWithEqualFreeMemoryTheFirstWins(PlacementRule rule)
    {
        var ledger = new NodeLedger([(1000, 0), (700, 0), (700, 0)]);
        ledger.Enter(0, 300, holdsCore: false); // 700 free on every node
        Assert.Equal(0, Place(ledger, rule, 100));
    }

    [Theory]
    [InlineData(900)]
    [InlineData(801)]
    public void NoNodeWithRoomGivesMinusOne(long bytes)
    {
        foreach (var rule in Enum.GetValues<PlacementRule>())
            Assert.Equal(-1, Place(ThreeNodes(), rule, bytes));
    }

    [Theory]
    [InlineData(4, 0, 100, 1)]  // function 4's home is 4 mod 3 = 1
    [InlineData(3, 0, 400, 1)]  // home 0 is too full: the next node in order
    [InlineData(2, 0, 600, 1)]  // home 2 too full: wraps to 0 (too full), then 1
    [InlineData(-1, 2, 100, 2)] // a pool container's home is its runtime's
    public void AffinityStartsAtTheFunctionsHomeNode(int function, int runtime, long bytes, int node) =>
        Assert.Equal(node, Place(ThreeNodes(), PlacementRule.Affinity, bytes, function, runtime));

    [Fact]
    public void ACallNeedsANodeWithAFreeCore()
    {
        var ledger = ThreeNodes(cores: 1);
        ledger.Move(1, ContainerState.Starting, false, ContainerState.Busy, 200); // node 1's only core is in use
        Assert.Equal(1, Place(ledger, PlacementRule.WorstFit, 400));
        Assert.Equal(2, Place(ledger, PlacementRule.WorstFit, 400, needCore: true));
    }

    [Fact]
    public void AfterEvictionIdleMemoryCountsAsFree()
    {
        var ledger = ThreeNodes();
        Assert.Equal(-1, Place(ledger, PlacementRule.FirstFit, 900));
        Assert.Equal(0, Place(ledger, PlacementRule.FirstFit, 900, afterEviction: true)); // 300 free + 600 idle
        Assert.Equal(-1, Place(ledger, PlacementRule.FirstFit, 901, afterEviction: true)); // the starting 100 B cannot be evicted
    }

    [Fact]
    public void WithOneNodeEveryRuleAsksOnlyWhetherItFits()
    {
        var ledger = new NodeLedger([(1000, 0)]);
        ledger.Enter(0, 900, holdsCore: false);
        foreach (var rule in Enum.GetValues<PlacementRule>())
        {
            Assert.Equal(0, Place(ledger, rule, 100, function: 7));
            Assert.Equal(-1, Place(ledger, rule, 101, function: 7));
        }
    }
}
