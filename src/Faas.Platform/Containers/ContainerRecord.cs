namespace Faas.Platform.Containers;

/// <summary>
/// What one container is, as the pool sees it (OpenWhisk's ContainerProxy data, without the actor):
/// its state, what it runs, where it lives and which incarnation of its slot it is. Held by
/// <see cref="ContainerSlots"/>, which alone changes it, except for <see cref="Idle"/>, which
/// belongs to <see cref="IdleLists"/>; everyone else reads it by reference.
/// </summary>
/// <remarks>
/// The int-sized fields come before the longs so the struct packs into 88 bytes without padding:
/// the slot array is the table's largest allocation, and a run's memory grows with it. The idle
/// links live here rather than in an array of their own so that a container and its links share
/// cache lines (with thousands of live containers the slot array outgrows the caches).
/// </remarks>
internal struct ContainerRecord
{
    /// <summary>Where it is in its life; <see cref="ContainerState.Free"/> when the slot holds no container.</summary>
    public ContainerState State;

    /// <summary>The runtime it was started for.</summary>
    public int Runtime;

    /// <summary>The function it holds or last ran (−1 for a generic pool container that never ran one).</summary>
    public int Function;

    /// <summary>The call waiting for it while it starts (a cold start), or −1.</summary>
    public int BoundCall;

    /// <summary>Bumped at every start, idle and removal, so timers armed for an earlier state are recognised as stale.</summary>
    public int Generation;

    /// <summary>Which container occupies the slot: bumped only when a new container starts in it (the first is 1).</summary>
    public int Incarnation;

    /// <summary>Calls it has served.</summary>
    public int Uses;

    /// <summary>The node it lives on.</summary>
    public int Node;

    /// <summary>Unique within the run (1, 2, … in creation order), unlike the slot id, which is reused.</summary>
    public long Serial;

    /// <summary>Memory it holds on its node, in bytes.</summary>
    public long Memory;

    /// <summary>When it was created, in µs.</summary>
    public long StartedAt;

    /// <summary>Its place in the idle lists (see <see cref="IdleLists"/>).</summary>
    public IdleLink Idle;

    /// <summary>True while it is starting, idle or busy.</summary>
    public readonly bool IsLive => State is ContainerState.Starting or ContainerState.Idle or ContainerState.Busy;

    /// <summary>
    /// True when it holds a core of its node: while busy, and while starting for a call (a cold
    /// start's call runs on it as soon as it is ready, so its core is reserved from the start).
    /// </summary>
    public readonly bool HoldsCore => State == ContainerState.Busy || (State == ContainerState.Starting && BoundCall >= 0);
}
