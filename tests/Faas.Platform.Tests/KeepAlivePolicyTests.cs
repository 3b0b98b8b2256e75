namespace Faas.Platform.Tests;

public class KeepAlivePolicyTests
{
    [Fact]
    public void FirstCallIsColdAndStartsAContainerBoundToIt()
    {
        var h = PolicyHarness.KeepAlive();
        var acts = h.Arrive(0, call: 7, fn: 0);
        var start = Assert.Single(acts);
        Assert.Equal(ActionKind.StartContainer, start.Kind);
        Assert.Equal(7, start.Call);
        var assign = Assert.Single(h.Ready(1, start.Container));
        Assert.Equal((ActionKind.Assign, 7, StartType.Cold), (assign.Kind, assign.Call, assign.StartType));
    }

    [Fact]
    public void NextCallOfTheSameFunctionIsWarmOnTheSameContainer()
    {
        var h = PolicyHarness.KeepAlive();
        var first = h.Serve(0, 1, 0);
        h.Complete(2, 1, first.Container);
        var second = h.Serve(3, 2, 0);
        Assert.Equal(StartType.Warm, second.StartType);
        Assert.Equal(first.Container, second.Container);
    }

    [Fact]
    public void AnotherFunctionDoesNotGetAWarmContainer()
    {
        var h = PolicyHarness.KeepAlive();
        var a = h.Serve(0, 1, 0);
        h.Complete(1, 1, a.Container);
        var b = h.Serve(2, 2, 1);
        Assert.Equal(StartType.Cold, b.StartType);
        Assert.NotEqual(a.Container, b.Container);
    }

    [Fact]
    public void TakesTheMostRecentlyUsedIdleContainer()
    {
        var h = PolicyHarness.KeepAlive();
        var a = h.Serve(0, 1, 0);
        var b = h.Serve(0, 2, 0);            // concurrent: second container
        h.Complete(1, 1, a.Container);
        h.Complete(2, 2, b.Container);       // b idle more recently
        Assert.Equal(b.Container, h.Serve(3, 3, 0).Container);
    }

    [Fact]
    public void IdleContainerExpiresExactlyAfterTtl()
    {
        var h = PolicyHarness.KeepAlive("10s");
        var a = h.Serve(0, 1, 0);
        var timer = Assert.Single(h.Complete(5, 1, a.Container));
        Assert.Equal(ActionKind.SetTimer, timer.Kind);
        Assert.Equal(PolicyHarness.At(15), timer.At);
        var removed = Assert.Single(h.Timer(15, timer.Token));
        Assert.Equal((ActionKind.RemoveContainer, a.Container), (removed.Kind, removed.Container));
        Assert.Equal(StartType.Cold, h.Serve(16, 2, 0).StartType);
    }

    [Fact]
    public void ReuseDefersExpiryToTheNewIdlePeriod()
    {
        var h = PolicyHarness.KeepAlive("10s");
        var a = h.Serve(0, 1, 0);
        var timer = h.Complete(1, 1, a.Container).Single();
        h.Serve(8, 2, 0);
        Assert.Empty(h.Complete(9, 2, a.Container));             // a timer is already pending
        var rearm = Assert.Single(h.Timer(11, timer.Token));     // fires at 11, idle since 9: re-arm at 19
        Assert.Equal((ActionKind.SetTimer, PolicyHarness.At(19)), (rearm.Kind, rearm.At));
        Assert.Equal(ActionKind.RemoveContainer, Assert.Single(h.Timer(19, rearm.Token)).Kind);
    }

    [Fact]
    public void EvictsTheLeastRecentlyUsedIdleContainerWhenMemoryIsFull()
    {
        var h = PolicyHarness.KeepAlive(functions: 3, clusterBytes: 2 * (128L << 20));
        var a = h.Serve(0, 1, 0);
        var b = h.Serve(0, 2, 1);
        h.Complete(1, 1, a.Container);   // a idle first: LRU
        h.Complete(2, 2, b.Container);
        var acts = h.Arrive(3, 3, 2);
        Assert.Equal(ActionKind.RemoveContainer, acts[0].Kind);
        Assert.Equal(a.Container, acts[0].Container);
        Assert.Equal(ActionKind.StartContainer, acts[1].Kind);
    }

    [Fact]
    public void QueuesWhenMemoryIsFullOfBusyContainersAndServesInOrderLater()
    {
        var h = PolicyHarness.KeepAlive(functions: 2, clusterBytes: 128L << 20);
        var a = h.Serve(0, 1, 0);
        Assert.Empty(h.Arrive(1, 2, 1));
        Assert.Empty(h.Arrive(1.5, 3, 0));
        Assert.Equal(2, h.Policy.QueueLength);
        var acts = h.Complete(2, 1, a.Container);
        // head of queue (fn 1) needs a new container: the idle fn-0 container is evicted for it
        Assert.Equal([ActionKind.SetTimer, ActionKind.RemoveContainer, ActionKind.StartContainer], acts.Select(x => x.Kind));
        Assert.Equal(2, acts[2].Call);
        Assert.Equal(1, h.Policy.QueueLength);
    }

    [Fact]
    public void UnhealthyContainerIsRemovedNotKept()
    {
        var h = PolicyHarness.KeepAlive();
        var a = h.Serve(0, 1, 0);
        var acts = h.Complete(1, 1, a.Container, healthy: false);
        Assert.Equal(ActionKind.RemoveContainer, Assert.Single(acts).Kind);
        Assert.Equal(StartType.Cold, h.Serve(2, 2, 0).StartType);
    }
}
