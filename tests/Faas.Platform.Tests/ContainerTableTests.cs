using Faas.Engine;

namespace Faas.Platform.Tests;

public class ContainerTableTests
{
    [Fact]
    public void IntegratesCountsAndMemoryOverTime()
    {
        var t = new ContainerTable(long.MaxValue);
        int c = t.Create(new SimTime(0), 0, 0, 1000, -1);
        t.SetIdle(new SimTime(10), c, 0);
        t.SetBusy(new SimTime(30), c, 0);
        t.Remove(new SimTime(40), c);
        t.Advance(new SimTime(100));
        Assert.Equal(40, t.LiveArea);
        Assert.Equal(10, t.StartingArea);
        Assert.Equal(20, t.IdleArea);
        Assert.Equal(10, t.BusyArea);
        Assert.Equal(20 * 1000, t.IdleMemoryArea);
        Assert.Equal(0, t.UsedBytes);
    }

    [Fact]
    public void ReusedSlotGetsANewSerialAndIncarnation()
    {
        var t = new ContainerTable(long.MaxValue);
        int a = t.Create(SimTime.Zero, 0, 0, 1, -1);
        long serial = t.Serial(a);
        int inc = t.Incarnation(a);
        t.Remove(SimTime.Zero, a);
        int b = t.Create(SimTime.Zero, 0, 0, 1, -1);
        Assert.Equal(a, b);
        Assert.NotEqual(serial, t.Serial(b));
        Assert.NotEqual(inc, t.Incarnation(b));
    }

    [Fact]
    public void TimeMustNotGoBackwards()
    {
        var t = new ContainerTable(long.MaxValue);
        t.Advance(new SimTime(5));
        Assert.Throws<InvalidOperationException>(() => t.Advance(new SimTime(4)));
    }
}
