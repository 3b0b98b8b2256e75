using Faas.Platform.Containers;

namespace Faas.Platform.Tests;

/// <summary>The time-weighted areas of containers and memory by state, against integrals worked out by hand.</summary>
public class OccupancyMonitorTests
{
    /// <summary>
    /// Two containers, A (100 B) and B (50 B), in µs:
    /// A starts at 0, is idle 15–30, busy 30–45, idle 45–60, removed at 60;
    /// B starts at 10, busy 40–70, removed at 70. The areas, by hand:
    /// starting 1·10 + 2·5 + 1·25 = 45; idle 15 + 15 = 30; busy 1·10 + 2·5 + 1·25 = 45; live 45 + 30 + 45 = 120;
    /// idle memory 100·15 + 100·15 = 3000; used memory 100·10 + 150·50 + 50·10 = 9000.
    /// </summary>
    private static OccupancyMonitor TwoContainers()
    {
        var m = new OccupancyMonitor();
        m.Enter(0, 100);
        m.Enter(10, 50);
        m.Move(15, ContainerState.Starting, ContainerState.Idle, 100);
        m.Move(30, ContainerState.Idle, ContainerState.Busy, 100);
        m.Move(40, ContainerState.Starting, ContainerState.Busy, 50);
        m.Move(45, ContainerState.Busy, ContainerState.Idle, 100);
        m.Leave(60, ContainerState.Idle, 100);
        m.Leave(70, ContainerState.Busy, 50);
        return m;
    }

    [Fact]
    public void AreasAreTheIntegralsOfTheLevels()
    {
        var m = TwoContainers();
        m.AdvanceTo(100); // nothing is live after 70: the areas stop growing
        Assert.Equal(45, m.StartingArea);
        Assert.Equal(30, m.IdleArea);
        Assert.Equal(45, m.BusyArea);
        Assert.Equal(120, m.LiveArea);
        Assert.Equal(3000, m.IdleMemoryArea);
        Assert.Equal(9000, m.UsedMemoryArea);
        Assert.Equal(100, m.Until);
    }

    [Fact]
    public void LevelsReturnToZeroAndThePeakStays()
    {
        var m = TwoContainers();
        Assert.Equal((0, 0, 0, 0), (m.Live, m.Starting, m.Idle, m.Busy));
        Assert.Equal((0L, 0L), (m.IdleBytes, m.UsedBytes));
        Assert.Equal(150, m.PeakUsedBytes);
    }

    [Fact]
    public void AreaAtATimeAddsTheCurrentLevelWithoutAdvancing()
    {
        var m = new OccupancyMonitor();
        m.Enter(0, 100);
        m.Move(20, ContainerState.Starting, ContainerState.Busy, 100);
        m.Move(25, ContainerState.Busy, ContainerState.Idle, 100);
        // idle since 25: at 35 the idle memory area is 100 B · 10 µs; used memory 100 · 35; busy 5
        Assert.Equal(1000, m.IdleMemoryAreaAt(35));
        Assert.Equal(3500, m.UsedMemoryAreaAt(35));
        Assert.Equal(5, m.BusyAreaAt(35));
        Assert.Equal(25, m.Until);
        Assert.Equal(0, m.IdleMemoryArea);
    }

    [Fact]
    public void TimeMustNotGoBackwards()
    {
        var m = new OccupancyMonitor();
        m.AdvanceTo(5);
        var e = Assert.Throws<InvalidOperationException>(() => m.AdvanceTo(4));
        Assert.StartsWith("time went backwards", e.Message);
        Assert.Equal(5, m.Until);
    }

    [Fact]
    public void FreeIsNotALevel()
    {
        var m = new OccupancyMonitor();
        m.Enter(0, 10);
        Assert.Throws<ArgumentOutOfRangeException>(() => m.Move(5, ContainerState.Free, ContainerState.Idle, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => m.Move(5, ContainerState.Starting, ContainerState.Free, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => m.Leave(5, ContainerState.Free, 10));
        Assert.Equal((1, 0, 10L, 0L), (m.Starting, m.Idle, m.UsedBytes, m.Until)); // nothing changed, not even the time
    }
}
