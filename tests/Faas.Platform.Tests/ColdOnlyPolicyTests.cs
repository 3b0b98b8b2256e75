namespace Faas.Platform.Tests;

public class ColdOnlyPolicyTests
{
    [Fact]
    public void EveryCallStartsItsOwnContainerWhichIsRemovedAfterwards()
    {
        var h = PolicyHarness.ColdOnly();
        var a = h.Serve(0, 1, 0);
        var acts = h.Complete(1, 1, a.Container);
        Assert.Equal(ActionKind.RemoveContainer, Assert.Single(acts).Kind);
        var b = h.Serve(2, 2, 0);
        Assert.Equal(StartType.Cold, a.StartType);
        Assert.Equal(StartType.Cold, b.StartType);
        Assert.Equal(2, h.Policy.Containers.Created);
    }
}
