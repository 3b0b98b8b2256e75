using System.Diagnostics.CodeAnalysis;

namespace Faas.Platform.Containers;

/// <summary>
/// The container slots and their state machine. A slot id is an index into an array of
/// <see cref="ContainerRecord"/>s, reused after removal through a free list, so a run's memory grows
/// with the containers alive at once, not with the containers ever created. The legal moves are
/// <code>
///   Start → Starting → Idle ⇄ Busy
///           Starting → Busy            (a cold start's call, or a pool container taken at once)
///   Starting | Idle | Busy → Free      (removal: the slot's generation moves on and the slot is reused)
/// </code>
/// Every other move throws <see cref="InvalidOperationException"/> before anything changes. Also
/// counted here: the containers of each runtime in each state (what the drivers sample).
/// Memory, cores and time are not this type's: see <see cref="NodeLedger"/> and <see cref="OccupancyMonitor"/>.
/// <para>
/// A mutable struct, held by value in <see cref="ContainerTable"/> (no extra indirection on the hot
/// path) and used in place: never copy it (a copy's counters and free list would diverge).
/// </para>
/// </summary>
internal struct ContainerSlots
{
    /// <summary>Initial slots; the array doubles when a run has more live containers (then stays).</summary>
    private const int InitialSlots = 64;

    private ContainerRecord[] _records = new ContainerRecord[InitialSlots];
    private int _highWater;
    private int[] _free = new int[InitialSlots];
    private int _freeCount;
    private int[] _idleByRuntime = [];
    private int[] _startingByRuntime = [];
    private int[] _startingUnboundByRuntime = [];
    private int[] _busyByRuntime = [];

    /// <summary>No containers yet.</summary>
    public ContainerSlots() { }

    /// <summary>Containers ever started (the serial of the latest).</summary>
    public long Created { get; private set; }

    /// <summary>
    /// The container in slot <paramref name="id"/>. The reference is valid until the next
    /// <see cref="Start"/> (which may grow the array); read fields, do not keep it.
    /// </summary>
    public readonly ref readonly ContainerRecord this[int id] => ref _records[id];

    /// <summary>
    /// The legal moves as a bit set, bit <c>4·from + to</c> per move, so the check on every
    /// transition is one shift (ContainerState has four values, Free = 0 … Busy = 3).
    /// </summary>
    private const int LegalMoves =
        1 << (4 * (int)ContainerState.Starting + (int)ContainerState.Idle) |
        1 << (4 * (int)ContainerState.Starting + (int)ContainerState.Busy) |
        1 << (4 * (int)ContainerState.Starting + (int)ContainerState.Free) |
        1 << (4 * (int)ContainerState.Idle + (int)ContainerState.Busy) |
        1 << (4 * (int)ContainerState.Idle + (int)ContainerState.Free) |
        1 << (4 * (int)ContainerState.Busy + (int)ContainerState.Idle) |
        1 << (4 * (int)ContainerState.Busy + (int)ContainerState.Free);

    /// <summary>The idle-list links of slot <paramref name="id"/>, for <see cref="IdleLists"/> to change (valid until the next <see cref="Start"/>).</summary>
    public readonly ref IdleLink IdleLinkOf(int id) => ref _records[id].Idle;

    /// <summary>True when <paramref name="from"/> → <paramref name="to"/> is a move of the state machine (see the type's summary).</summary>
    public static bool CanMove(ContainerState from, ContainerState to) => ((LegalMoves >> (4 * (int)from + (int)to)) & 1) != 0;

    public readonly int IdleOfRuntime(int runtime) => IndexedCounts.At(_idleByRuntime, runtime);
    public readonly int StartingOfRuntime(int runtime) => IndexedCounts.At(_startingByRuntime, runtime);

    /// <summary>Containers of <paramref name="runtime"/> starting for the pool (no call waiting for them).</summary>
    public readonly int StartingUnboundOfRuntime(int runtime) => IndexedCounts.At(_startingUnboundByRuntime, runtime);
    public readonly int BusyOfRuntime(int runtime) => IndexedCounts.At(_busyByRuntime, runtime);

    /// <summary>
    /// Puts a new container in state Starting in a free slot (the most recently freed one first, else
    /// a new one) and returns the slot id. Its generation and incarnation move on from the slot's
    /// previous container, its serial is <see cref="Created"/> + 1.
    /// </summary>
    /// <param name="boundCall">The call waiting for it (a cold start), or −1 for a pool container.</param>
    public int Start(long now, int runtime, int function, long memoryBytes, int boundCall, int node)
    {
        int id;
        if (_freeCount > 0) id = _free[--_freeCount];
        else
        {
            if (_highWater == _records.Length) Array.Resize(ref _records, _records.Length * 2);
            id = _highWater++;
        }
        ref ContainerRecord c = ref _records[id];
        int generation = c.Generation + 1, incarnation = c.Incarnation + 1;
        c = new ContainerRecord
        {
            State = ContainerState.Starting,
            Runtime = runtime,
            Function = function,
            BoundCall = boundCall,
            Generation = generation,
            Incarnation = incarnation,
            Serial = ++Created,
            Memory = memoryBytes,
            StartedAt = now,
            Node = node,
            Idle = IdleLink.Unlisted,
        };
        IndexedCounts.Grow(ref _startingByRuntime, runtime)[runtime]++;
        if (boundCall < 0) IndexedCounts.Grow(ref _startingUnboundByRuntime, runtime)[runtime]++;
        return id;
    }

    /// <summary>Starting or Busy → Idle: no call is bound to it any more, and its generation moves on (older timers are stale).</summary>
    public void ToIdle(int id)
    {
        ref ContainerRecord c = ref Move(id, ContainerState.Idle);
        c.BoundCall = -1;
        c.Generation++;
        IndexedCounts.Grow(ref _idleByRuntime, c.Runtime)[c.Runtime]++;
    }

    /// <summary>Starting or Idle → Busy serving a call of <paramref name="function"/> (which it now holds); counts a use.</summary>
    public void ToBusy(int id, int function)
    {
        ref ContainerRecord c = ref Move(id, ContainerState.Busy);
        c.Function = function;
        c.BoundCall = -1;
        c.Uses++;
        IndexedCounts.Grow(ref _busyByRuntime, c.Runtime)[c.Runtime]++;
    }

    /// <summary>Starting, Idle or Busy → Free: the container is gone, its generation moves on and the slot goes to the free list.</summary>
    public void Free(int id)
    {
        ref ContainerRecord c = ref Move(id, ContainerState.Free);
        c.Generation++;
        if (_freeCount == _free.Length) Array.Resize(ref _free, _free.Length * 2);
        _free[_freeCount++] = id;
    }

    /// <summary>Checks the move, takes the container out of its state's counts and sets the new state.</summary>
    private ref ContainerRecord Move(int id, ContainerState to)
    {
        ref ContainerRecord c = ref _records[id];
        if (!CanMove(c.State, to)) ThrowIllegal(id, c.State, to);
        switch (c.State)
        {
            case ContainerState.Starting:
                _startingByRuntime[c.Runtime]--;
                if (c.BoundCall < 0) _startingUnboundByRuntime[c.Runtime]--;
                break;
            case ContainerState.Idle:
                _idleByRuntime[c.Runtime]--;
                break;
            default:
                _busyByRuntime[c.Runtime]--;
                break;
        }
        c.State = to;
        return ref c;
    }

    [DoesNotReturn]
    private static void ThrowIllegal(int id, ContainerState from, ContainerState to) =>
        throw new InvalidOperationException(from == ContainerState.Free
            ? $"container {id} is not live"
            : $"container {id} cannot go from {from} to {to}");
}
