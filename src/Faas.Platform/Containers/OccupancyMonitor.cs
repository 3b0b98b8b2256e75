using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Faas.Engine;

namespace Faas.Platform.Containers;

/// <summary>
/// How many containers are in each state and how much memory they hold, with the integral of each
/// over time: a time-weighted monitor in the manner of SimSharp's <c>TimeSeriesMonitor</c>, without
/// the samples. Levels are piecewise constant; <see cref="AdvanceTo"/> adds level × dt for the span
/// since the last advance, and every change of a level first advances to its time (the change then
/// applies from that time on). Divide an area by the elapsed time for the time-average (mean
/// containers, mean idle memory).
/// <para>
/// Areas are <see cref="double"/> sums of exact integer products (level × µs), added in event order,
/// so the same sequence of calls gives the same bits: results stay byte-identical. The monitor can
/// be advanced lazily (only when its levels change, as a node's is): integrating a constant level
/// over [a, c] at once or as [a, b] + [b, c] differs only in rounding, so where it advances is part
/// of the result and must not move.
/// </para>
/// </summary>
internal struct OccupancyMonitor
{
    /// <summary>Containers starting (created, not yet ready).</summary>
    public int Starting { get; private set; }

    /// <summary>Containers idle (ready, serving no call).</summary>
    public int Idle { get; private set; }

    /// <summary>Containers serving a call.</summary>
    public int Busy { get; private set; }

    /// <summary>Memory of idle containers, in bytes.</summary>
    public long IdleBytes { get; private set; }

    /// <summary>Memory of live containers (starting, idle or busy), in bytes.</summary>
    public long UsedBytes { get; private set; }

    /// <summary>The most <see cref="UsedBytes"/> ever held at once.</summary>
    public long PeakUsedBytes { get; private set; }

    /// <summary>The time up to which the areas are integrated, in µs.</summary>
    public long Until { get; private set; }

    /// <summary>∫ live containers dt, in container·µs.</summary>
    public double LiveArea { get; private set; }

    /// <summary>∫ starting containers dt, in container·µs.</summary>
    public double StartingArea { get; private set; }

    /// <summary>∫ idle containers dt, in container·µs.</summary>
    public double IdleArea { get; private set; }

    /// <summary>∫ busy containers dt, in container·µs (core-time when a call uses one core).</summary>
    public double BusyArea { get; private set; }

    /// <summary>∫ idle memory dt, in byte·µs: the cost of keeping containers warm.</summary>
    public double IdleMemoryArea { get; private set; }

    /// <summary>∫ used memory dt, in byte·µs.</summary>
    public double UsedMemoryArea { get; private set; }

    /// <summary>Live containers.</summary>
    public readonly int Live => Starting + Idle + Busy;

    /// <summary>Integrates every level from <see cref="Until"/> to <paramref name="now"/>; throws if <paramref name="now"/> is earlier.</summary>
    /// <remarks>Inlined down to one comparison when already there (every change after the table's own advance).</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AdvanceTo(long now)
    {
        if (now != Until) Integrate(now);
    }

    private void Integrate(long now)
    {
        long dt = now - Until;
        if (dt < 0) ThrowBackwards(now);
        LiveArea += (double)Live * dt;
        BusyArea += (double)Busy * dt;
        IdleArea += (double)Idle * dt;
        StartingArea += (double)Starting * dt;
        IdleMemoryArea += (double)IdleBytes * dt;
        UsedMemoryArea += (double)UsedBytes * dt;
        Until = now;
    }

    /// <summary>∫ idle memory dt up to <paramref name="time"/> (not earlier than <see cref="Until"/>), without advancing.</summary>
    public readonly double IdleMemoryAreaAt(long time) => IdleMemoryArea + (double)IdleBytes * (time - Until);

    /// <summary>∫ used memory dt up to <paramref name="time"/>, without advancing.</summary>
    public readonly double UsedMemoryAreaAt(long time) => UsedMemoryArea + (double)UsedBytes * (time - Until);

    /// <summary>∫ busy containers dt up to <paramref name="time"/>, without advancing.</summary>
    public readonly double BusyAreaAt(long time) => BusyArea + (double)Busy * (time - Until);

    /// <summary>From <paramref name="now"/> on, a new container of <paramref name="memoryBytes"/> is starting.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Enter(long now, long memoryBytes)
    {
        AdvanceTo(now);
        Starting++;
        UsedBytes += memoryBytes;
        if (UsedBytes > PeakUsedBytes) PeakUsedBytes = UsedBytes;
    }

    /// <summary>From <paramref name="now"/> on, a container of <paramref name="memoryBytes"/> is in state <paramref name="to"/> instead of <paramref name="from"/> (live states).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Move(long now, ContainerState from, ContainerState to, long memoryBytes)
    {
        if (!IsLevel(from)) ThrowNotLive(from);
        if (!IsLevel(to)) ThrowNotLive(to);
        AdvanceTo(now);
        Count(from, -1, memoryBytes);
        Count(to, +1, memoryBytes);
    }

    /// <summary>From <paramref name="now"/> on, a container of <paramref name="memoryBytes"/> in state <paramref name="from"/> is gone.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Leave(long now, ContainerState from, long memoryBytes)
    {
        if (!IsLevel(from)) ThrowNotLive(from);
        AdvanceTo(now);
        Count(from, -1, memoryBytes);
        UsedBytes -= memoryBytes;
    }

    /// <summary>True for the states the monitor counts (the live ones).</summary>
    private static bool IsLevel(ContainerState state) => state is ContainerState.Starting or ContainerState.Idle or ContainerState.Busy;

    /// <summary>Adds <paramref name="delta"/> containers of <paramref name="memoryBytes"/> to the level of <paramref name="state"/>, a live state (checked by the caller).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Count(ContainerState state, int delta, long memoryBytes)
    {
        switch (state)
        {
            case ContainerState.Starting:
                Starting += delta;
                break;
            case ContainerState.Idle:
                Idle += delta;
                IdleBytes += delta * memoryBytes;
                break;
            default:
                Busy += delta;
                break;
        }
    }

    [DoesNotReturn]
    private static void ThrowNotLive(ContainerState state) =>
        throw new ArgumentOutOfRangeException(nameof(state), state, "not a live state");

    [DoesNotReturn]
    private readonly void ThrowBackwards(long now) =>
        throw new InvalidOperationException($"time went backwards: {new SimTime(now)} < {new SimTime(Until)}");
}
