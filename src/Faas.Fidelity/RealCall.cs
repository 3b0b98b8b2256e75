using Faas.Backends.Docker.Pool;

namespace Faas.Fidelity;

/// <summary>One call of a real replay: planned and actual issue time (ms since dispatch began) and the platform's result.</summary>
public sealed record RealCall(int Index, string Function, double TargetMs, double IssuedMs, double PlannedExecMs, InvocationResult Result)
{
    public double LagMs => IssuedMs - TargetMs;
}
