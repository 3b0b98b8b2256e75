using Faas.Engine;
using Faas.Platform.Policies;

namespace Faas.Platform.Tests;

public class PrewarmPoolPolicyTests
{
    private static PrewarmPoolOptions Fixed(int n) => PrewarmPoolOptions.Default with { Min = n, Max = n };

    [Fact]
    public void StartsTheMinimumPoolAtStart()
    {
        var h = PolicyHarness.Prewarm(Fixed(2));
        var acts = h.Start();
        Assert.Equal(2, acts.Count(a => a.Kind == ActionKind.StartContainer && a.Call < 0 && a.Function < 0));
        Assert.Contains(acts, a => a.Kind == ActionKind.SetTimer && a.Token == PrewarmPoolPolicy.TickToken);
    }

    [Fact]
    public void CallTakesAPooledContainerAndAReplacementStartsAtOnce()
    {
        var h = PolicyHarness.Prewarm(Fixed(1));
        var c = h.Start().Single(a => a.Kind == ActionKind.StartContainer).Container;
        h.Ready(1, c);
        var acts = h.Arrive(2, 5, 0);
        Assert.Equal((ActionKind.Assign, 5, c, StartType.Prewarm), (acts[0].Kind, acts[0].Call, acts[0].Container, acts[0].StartType));
        Assert.Equal(ActionKind.StartContainer, acts[1].Kind);   // replacement, off the call's path
        Assert.Equal(-1, acts[1].Call);
    }

    [Fact]
    public void ContainerIsRemovedAfterOneCall()
    {
        var h = PolicyHarness.Prewarm(Fixed(1));
        var c = h.Start().Single(a => a.Kind == ActionKind.StartContainer).Container;
        h.Ready(1, c);
        h.Arrive(2, 5, 0);
        var acts = h.Complete(3, 5, c);
        Assert.Contains(acts, a => a.Kind == ActionKind.RemoveContainer && a.Container == c);
    }

    [Fact]
    public void NoPooledContainerMeansAColdStartBoundToTheCall()
    {
        var h = PolicyHarness.Prewarm(Fixed(0));
        h.Start();
        var start = h.Arrive(1, 9, 1).Single(a => a.Kind == ActionKind.StartContainer);
        Assert.Equal(9, start.Call);
        Assert.Equal(StartType.Cold, h.Ready(2, start.Container).Single(a => a.Kind == ActionKind.Assign).StartType);
    }

    [Fact]
    public void WithAQueueFreedCapacityStartsTheRuntimeOfTheNextQueuedCall()
    {
        var h = PolicyHarness.Prewarm(Fixed(0), functions: 2, clusterBytes: 128L << 20, runtimes: 2);
        h.Start();
        var a = h.Serve(0, 1, 0);
        Assert.Empty(h.Arrive(1, 2, 1));                 // full: queued
        var acts = h.Complete(2, 1, a.Container);
        var start = acts.Single(x => x.Kind == ActionKind.StartContainer);
        Assert.Equal((2, 1), (start.Call, start.Runtime));  // the queued call's runtime, bound to it: cold
    }

    [Fact]
    public void TargetIsHeadroomTimesWindowedRateTimesStartTime()
    {
        var o = PrewarmPoolOptions.Default with { Window = SimDuration.FromSeconds(100), Buckets = 10, Headroom = 2, StartupEstimate = SimDuration.FromSeconds(1) };
        var h = PolicyHarness.Prewarm(o);
        h.Start();
        for (int i = 0; i < 300; i++) h.Arrive(100 + i / 3.0, i, 0); // 3 calls/s over the last 100 s
        // λ = 300/100 s = 3/s, s = 1 s (no start observed yet), headroom 2 ⇒ ⌈6⌉
        Assert.Equal(6, h.Policy.PoolTarget(0));
    }

    [Fact]
    public void TargetFallsToMinimumWhenTheWindowEmpties()
    {
        var o = PrewarmPoolOptions.Default with { Window = SimDuration.FromSeconds(100), Buckets = 10, Min = 1 };
        var h = PolicyHarness.Prewarm(o);
        h.Start();
        for (int i = 0; i < 50; i++) h.Arrive(10 + i, i, 0);
        Assert.True(h.Policy.PoolTarget(0) >= 1);
        h.Timer(300, PrewarmPoolPolicy.TickToken);
        Assert.Equal(1, h.Policy.PoolTarget(0));
    }
}
