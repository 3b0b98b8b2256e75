using Faas.Platform.Containers;

namespace Faas.Platform.Tests;

/// <summary>The per-node memory and core books, and their lazily integrated areas.</summary>
public class NodeLedgerTests
{
    [Fact]
    public void EnteringMoreMemoryThanANodeHasFreeThrowsAndChangesNothing()
    {
        var ledger = new NodeLedger([(1000, 0)]);
        ledger.Enter(0, 600, holdsCore: false);
        Assert.Throws<InvalidOperationException>(() => ledger.Enter(0, 401, holdsCore: false));
        Assert.Equal((600L, 400L, 1L, 1), (ledger.UsedBytes(0), ledger.FreeBytes(0), ledger.Created(0), ledger.Total.Starting));
        ledger.Enter(0, 400, holdsCore: false); // exactly full is fine
        Assert.Equal(0, ledger.FreeBytes(0));
        Assert.False(ledger.Fits(1));
    }

    [Fact]
    public void AColdStartHoldsItsCoreFromStartUntilItIsIdle()
    {
        var ledger = new NodeLedger([(1000, 1)]);
        Assert.True(ledger.CoresLimited);
        ledger.Enter(0, 100, holdsCore: true);
        Assert.Equal(1, ledger.CoresUsed(0));
        Assert.Throws<InvalidOperationException>(() => ledger.Enter(0, 100, holdsCore: true)); // one core only
        ledger.Move(0, ContainerState.Starting, heldCore: true, ContainerState.Busy, 100);
        Assert.Equal(1, ledger.CoresUsed(0)); // the same core, not a second one
        ledger.Move(0, ContainerState.Busy, heldCore: true, ContainerState.Idle, 100);
        Assert.Equal(0, ledger.CoresUsed(0));
        Assert.True(ledger.HasFreeCore(0));
    }

    [Fact]
    public void BecomingBusyWithoutAFreeCoreThrowsAndChangesNothing()
    {
        var ledger = new NodeLedger([(1000, 1)]);
        ledger.Enter(0, 100, holdsCore: false); // a pool container needs no core while it starts
        ledger.Enter(0, 100, holdsCore: true);
        Assert.Throws<InvalidOperationException>(() => ledger.Move(0, ContainerState.Starting, heldCore: false, ContainerState.Busy, 100));
        Assert.Equal((1, 2, 0), (ledger.CoresUsed(0), ledger.Total.Starting, ledger.Total.Busy));
        ledger.Leave(0, ContainerState.Starting, heldCore: true, 100); // the cold start failed: its core is free again
        ledger.Move(0, ContainerState.Starting, heldCore: false, ContainerState.Busy, 100);
        Assert.Equal((1, 1, 100L), (ledger.CoresUsed(0), ledger.Total.Busy, ledger.UsedBytes(0)));
    }

    [Fact]
    public void UnlimitedCoresNeverRunOut()
    {
        var ledger = new NodeLedger([(long.MaxValue, 0)]);
        for (int i = 0; i < 100; i++) ledger.Enter(0, 1, holdsCore: true);
        Assert.False(ledger.CoresLimited);
        Assert.True(ledger.HasFreeCore(0));
        Assert.True(ledger.Fits(long.MaxValue - 100));
    }

    /// <summary>
    /// Node 0: a 100 B container from 0, idle from 20 on. Node 1: a 40 B container from 10, busy
    /// 30–50, removed at 50. Up to 80, by hand: node 0 idle memory 100·60 = 6000, used 100·80 = 8000;
    /// node 1 used 40·40 = 1600, busy 20; the cluster's are the sums.
    /// </summary>
    [Fact]
    public void EachNodeIntegratesItsOwnLevelsAndTheyAddUpToTheCluster()
    {
        var ledger = new NodeLedger([(1000, 0), (1000, 0)]);
        ledger.AdvanceTo(0); ledger.Enter(0, 100, holdsCore: false);
        ledger.AdvanceTo(10); ledger.Enter(1, 40, holdsCore: false);
        ledger.AdvanceTo(20); ledger.Move(0, ContainerState.Starting, false, ContainerState.Idle, 100);
        ledger.AdvanceTo(30); ledger.Move(1, ContainerState.Starting, false, ContainerState.Busy, 40);
        ledger.AdvanceTo(50); ledger.Leave(1, ContainerState.Busy, true, 40);
        ledger.AdvanceTo(80);
        Assert.Equal((6000.0, 8000.0, 0.0), (ledger.IdleMemoryArea(0), ledger.UsedMemoryArea(0), ledger.BusyArea(0)));
        Assert.Equal((0.0, 1600.0, 20.0), (ledger.IdleMemoryArea(1), ledger.UsedMemoryArea(1), ledger.BusyArea(1)));
        Assert.Equal((6000.0, 9600.0, 20.0), (ledger.Total.IdleMemoryArea, ledger.Total.UsedMemoryArea, ledger.Total.BusyArea));
        Assert.Equal((100L, 40L), (ledger.PeakUsedBytes(0), ledger.PeakUsedBytes(1)));
        Assert.Equal(140, ledger.Total.PeakUsedBytes);
    }

    [Fact]
    public void OneNodesAreasAreTheClusters()
    {
        var ledger = new NodeLedger([(1000, 0)]);
        ledger.Enter(0, 100, holdsCore: false);
        ledger.AdvanceTo(10);
        ledger.Move(0, ContainerState.Starting, false, ContainerState.Idle, 100);
        ledger.AdvanceTo(30);
        Assert.Equal((2000.0, 3000.0), (ledger.IdleMemoryArea(0), ledger.UsedMemoryArea(0)));
        Assert.Equal((ledger.Total.IdleMemoryArea, ledger.Total.UsedMemoryArea), (ledger.IdleMemoryArea(0), ledger.UsedMemoryArea(0)));
    }

    [Fact]
    public void EvictionsAreCountedPerNodeAndInTotal()
    {
        var ledger = new NodeLedger([(10, 0), (10, 0)]);
        ledger.CountEviction(1);
        ledger.CountEviction(1);
        ledger.CountEviction(0);
        Assert.Equal((1L, 2L, 3L), (ledger.EvictionsOn(0), ledger.EvictionsOn(1), ledger.Evictions));
    }

    [Fact]
    public void AClusterNeedsANode() =>
        Assert.Throws<ArgumentException>(() => new NodeLedger([]));
}
