using Faas.Engine;

namespace Faas.Platform;

/// <summary>
/// A pool policy: the whole decision logic of a platform model, written once and driven both by
/// the simulator and by the Docker backend. A policy never reads a clock, sleeps, draws random
/// numbers or touches Docker: each call gives it <c>now</c> and one event, and it answers by
/// writing actions into the buffer. Drivers call it from one thread at a time (single writer),
/// with non-decreasing <c>now</c>.
/// </summary>
public interface IPoolPolicy
{
    /// <summary>The catalog name of the model (e.g. <c>keep-alive</c>).</summary>
    string Model { get; }

    /// <summary>The containers as the policy sees them (for metrics and pool status).</summary>
    ContainerTable Containers { get; }

    /// <summary>Calls waiting for capacity.</summary>
    int QueueLength { get; }

    /// <summary>The number of pooled (idle or starting, not bound) containers the policy aims at for <paramref name="runtime"/>, or −1 when it keeps no pool.</summary>
    int PoolTarget(int runtime);

    /// <summary>The platform starts at <paramref name="now"/> (pre-start containers, arm timers).</summary>
    void OnStart(SimTime now, ActionBuffer actions);

    /// <summary>Call <paramref name="call"/> of <paramref name="function"/> arrives.</summary>
    void OnArrival(SimTime now, int call, int function, ActionBuffer actions);

    /// <summary>A container the policy asked to start is ready (its agent answers).</summary>
    void OnContainerReady(SimTime now, int container, ActionBuffer actions);

    /// <summary>A container failed to start; the driver has already ended its bound call (if any) as failed.</summary>
    void OnContainerFailed(SimTime now, int container, ActionBuffer actions);

    /// <summary>A call finished on <paramref name="container"/>; <paramref name="containerHealthy"/> is false when the container must not be reused (crash, timeout, out of memory).</summary>
    void OnCallCompleted(SimTime now, int call, int container, bool containerHealthy, ActionBuffer actions);

    /// <summary>A timer set by <see cref="ActionBuffer.SetTimer"/> fires (it may be stale: the policy checks).</summary>
    void OnTimer(SimTime now, long token, ActionBuffer actions);
}
