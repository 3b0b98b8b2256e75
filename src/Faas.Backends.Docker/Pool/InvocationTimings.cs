using Faas.Platform.Results;

namespace Faas.Backends.Docker.Pool;

/// <summary>
/// Measured phases of one call, in milliseconds. Queue: from arrival until the call got its
/// container (for a cold start: until that container's start was issued); startup: container
/// create + start + agent ready (cold only); init: code injection (cold and prewarm); exec: the
/// <c>/run</c> request; total: arrival to result, measured (so total − exec is the platform's
/// overhead for that start type).
/// </summary>
public readonly record struct InvocationTimings(double QueueMs, double StartupMs, double InitMs, double ExecMs, double TotalMs)
{
    /// <summary>What the platform added on top of the function's own execution.</summary>
    public double OverheadMs => TotalMs - ExecMs;

    /// <summary>The phases of <paramref name="t"/> in milliseconds.</summary>
    public static InvocationTimings From(in CallTimeline t) =>
        new(t.QueueMicros / 1e3, t.StartupMicros / 1e3, t.InitMicros / 1e3, t.ExecMicros / 1e3, t.TotalMicros / 1e3);
}
