using Faas.Platform.Containers;

namespace Faas.Platform.Tests;

/// <summary>The slots and the container state machine, Starting → Idle ⇄ Busy → Free, on their own.</summary>
public class ContainerSlotsTests
{
    private const int Runtime = 0;

    private static int StartPool(ref ContainerSlots slots, long now = 0) => slots.Start(now, Runtime, function: -1, memoryBytes: 100, boundCall: -1, node: 0);

    private static int StartCold(ref ContainerSlots slots, long now = 0) => slots.Start(now, Runtime, function: 3, memoryBytes: 100, boundCall: 7, node: 0);

    public static TheoryData<ContainerState, ContainerState, bool> Moves()
    {
        var legal = new HashSet<(ContainerState, ContainerState)>
        {
            (ContainerState.Starting, ContainerState.Idle),
            (ContainerState.Starting, ContainerState.Busy),
            (ContainerState.Starting, ContainerState.Free),
            (ContainerState.Idle, ContainerState.Busy),
            (ContainerState.Idle, ContainerState.Free),
            (ContainerState.Busy, ContainerState.Idle),
            (ContainerState.Busy, ContainerState.Free),
        };
        var data = new TheoryData<ContainerState, ContainerState, bool>();
        foreach (var from in Enum.GetValues<ContainerState>())
            foreach (var to in Enum.GetValues<ContainerState>())
                data.Add(from, to, legal.Contains((from, to)));
        return data;
    }

    [Theory]
    [MemberData(nameof(Moves))]
    public void OnlyTheMovesOfTheLifecycleAreLegal(ContainerState from, ContainerState to, bool legal) =>
        Assert.Equal(legal, ContainerSlots.CanMove(from, to));

    [Fact]
    public void StartFillsTheRecordAndCountsItAsStarting()
    {
        var slots = new ContainerSlots();
        int id = slots.Start(now: 42, runtime: 2, function: 5, memoryBytes: 1000, boundCall: 9, node: 1);
        ref readonly ContainerRecord c = ref slots[id];
        Assert.Equal(ContainerState.Starting, c.State);
        Assert.Equal((2, 5, 9, 1000L, 42L, 1), (c.Runtime, c.Function, c.BoundCall, c.Memory, c.StartedAt, c.Node));
        Assert.Equal((1, 1, 1L, 0), (c.Generation, c.Incarnation, c.Serial, c.Uses));
        Assert.True(c.HoldsCore); // started for call 9
        Assert.Equal(1, slots.StartingOfRuntime(2));
        Assert.Equal(0, slots.StartingUnboundOfRuntime(2)); // bound to a call
        Assert.Equal(1, slots.Created);
    }

    [Fact]
    public void ColdStartGoesBusyAndHoldsItsCoreThroughout()
    {
        var slots = new ContainerSlots();
        int id = StartCold(ref slots);
        slots.ToBusy(id, function: 3);
        ref readonly ContainerRecord c = ref slots[id];
        Assert.Equal(ContainerState.Busy, c.State);
        Assert.Equal((-1, 1, 1), (c.BoundCall, c.Uses, c.Generation)); // becoming busy does not stale timers
        Assert.True(c.HoldsCore);
        Assert.Equal((0, 1), (slots.StartingOfRuntime(Runtime), slots.BusyOfRuntime(Runtime)));
    }

    [Fact]
    public void PoolContainerGoesIdleThenBusyThenIdleWithNewGenerations()
    {
        var slots = new ContainerSlots();
        int id = StartPool(ref slots);
        Assert.False(slots[id].HoldsCore);
        Assert.Equal(1, slots.StartingUnboundOfRuntime(Runtime));
        slots.ToIdle(id);
        Assert.Equal((ContainerState.Idle, 2), (slots[id].State, slots[id].Generation));
        Assert.Equal((0, 1), (slots.StartingUnboundOfRuntime(Runtime), slots.IdleOfRuntime(Runtime)));
        slots.ToBusy(id, function: 4);
        Assert.Equal((ContainerState.Busy, 2, 4), (slots[id].State, slots[id].Generation, slots[id].Function));
        slots.ToIdle(id);
        Assert.Equal((ContainerState.Idle, 3, 1), (slots[id].State, slots[id].Generation, slots[id].Uses));
        Assert.Equal((1, 0), (slots.IdleOfRuntime(Runtime), slots.BusyOfRuntime(Runtime)));
    }

    [Fact]
    public void RemovedSlotIsReusedByTheNextStartWithANewIncarnationAndSerial()
    {
        var slots = new ContainerSlots();
        int a = StartPool(ref slots);
        int b = StartPool(ref slots);
        slots.Free(a);
        Assert.Equal((ContainerState.Free, 2), (slots[a].State, slots[a].Generation));
        int c = StartPool(ref slots);
        Assert.Equal(a, c);
        Assert.Equal((3, 2, 3L), (slots[c].Generation, slots[c].Incarnation, slots[c].Serial));
        Assert.NotEqual(b, c);
        Assert.Equal(2, slots.StartingOfRuntime(Runtime));
    }

    [Fact]
    public void SlotsGrowPastTheInitialArrayKeepingEveryRecord()
    {
        var slots = new ContainerSlots();
        var ids = Enumerable.Range(0, 200).Select(i => slots.Start(i, Runtime, i, 100, -1, 0)).ToArray();
        Assert.Equal(Enumerable.Range(0, 200), ids);
        Assert.All(ids, id => Assert.Equal(id, slots[id].Function));
        Assert.Equal(200, slots.StartingOfRuntime(Runtime));
    }

    [Theory]
    [InlineData(ContainerState.Idle, ContainerState.Idle)]
    [InlineData(ContainerState.Busy, ContainerState.Busy)]
    [InlineData(ContainerState.Free, ContainerState.Idle)]
    [InlineData(ContainerState.Free, ContainerState.Busy)]
    [InlineData(ContainerState.Free, ContainerState.Free)]
    public void IllegalMoveThrowsAndChangesNothing(ContainerState from, ContainerState to)
    {
        var slots = new ContainerSlots();
        int id = StartPool(ref slots);
        if (from == ContainerState.Idle) slots.ToIdle(id);
        if (from == ContainerState.Busy) slots.ToBusy(id, 0);
        if (from == ContainerState.Free) slots.Free(id);
        ContainerRecord before = slots[id];
        var counts = (slots.StartingOfRuntime(Runtime), slots.IdleOfRuntime(Runtime), slots.BusyOfRuntime(Runtime));

        Action move = to switch
        {
            ContainerState.Idle => () => slots.ToIdle(id),
            ContainerState.Busy => () => slots.ToBusy(id, 1),
            _ => () => slots.Free(id),
        };
        var e = Assert.Throws<InvalidOperationException>(move);

        Assert.Contains($"container {id}", e.Message);
        Assert.Equal(before, slots[id]);
        Assert.Equal(counts, (slots.StartingOfRuntime(Runtime), slots.IdleOfRuntime(Runtime), slots.BusyOfRuntime(Runtime)));
    }

    [Fact]
    public void ASlotNeverStartedIsNotLive()
    {
        var slots = new ContainerSlots();
        StartPool(ref slots);
        var e = Assert.Throws<InvalidOperationException>(() => slots.Free(1));
        Assert.Equal("container 1 is not live", e.Message);
    }
}
