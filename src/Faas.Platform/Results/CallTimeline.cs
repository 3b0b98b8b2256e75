using Faas.Engine;

namespace Faas.Platform.Results;

/// <summary>
/// One call's instants on its driver's clock, in microseconds since the run (or the driver) began,
/// and the one place they become phases: queue, startup, init, exec and the end-to-end total. The
/// simulator, the Docker driver and the real replay all derive their figures here, so a fidelity
/// check compares numbers computed the same way.
/// <para>
/// A phase is the time between two instants, never negative (an instant before the previous one
/// counts as zero). Queue runs from arrival until the call's container start was issued (cold)
/// or until it was assigned a running container (prewarm, warm); startup from the start until the
/// assignment; init from <see cref="InitStart"/> to <see cref="InitDone"/> (equal when warm); exec
/// from <see cref="InitDone"/> to <see cref="Done"/>. The total is arrival to done, so on a real
/// driver it also holds the hops between phases that no phase counts.
/// </para>
/// </summary>
/// <param name="StartIssued">When a container start was issued for this call; <see cref="NoStart"/> when none was.</param>
/// <param name="Assigned">When the call got a running container (for a call that never got one: when it ended).</param>
/// <param name="Overhead">Platform overhead the simulator draws and counts as queue time (dispatch; zero on a real driver, which measures it).</param>
public readonly record struct CallTimeline(long Arrival, long StartIssued, long Assigned, long InitStart, long InitDone, long Done, long Overhead = 0)
{
    /// <summary>The value of <see cref="StartIssued"/> when no container was started for the call.</summary>
    public const long NoStart = -1;

    /// <summary>A call that ended at <paramref name="end"/> without a container (dropped, refused, failed before it ran).</summary>
    public static CallTimeline Unserved(long arrival, long end) => new(arrival, NoStart, end, end, end, end);

    public long QueueMicros => Span(Arrival, StartIssued >= 0 ? StartIssued : Assigned) + Overhead;
    public long StartupMicros => StartIssued >= 0 ? Span(StartIssued, Assigned) : 0;
    public long InitMicros => Span(InitStart, InitDone);
    public long ExecMicros => Span(InitDone, Done);

    /// <summary>Arrival to done (plus the simulated overhead): the latency a caller sees.</summary>
    public long TotalMicros => Span(Arrival, Done) + Overhead;

    /// <summary>The invocations.csv record of the call.</summary>
    public InvocationRecord ToRecord(long invocation, int function, int runtime, CallStatus status, StartType type, long container = 0) =>
        new(invocation, function, runtime, new SimTime(Arrival), status, type,
            new SimDuration(QueueMicros), new SimDuration(StartupMicros), new SimDuration(InitMicros), new SimDuration(ExecMicros), container);

    private static long Span(long from, long to) => to <= from ? 0 : to - from;
}
