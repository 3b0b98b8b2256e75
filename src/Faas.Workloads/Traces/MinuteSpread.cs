namespace Faas.Workloads.Traces;

/// <summary>How the calls counted in one minute are placed within it.</summary>
public enum MinuteSpread
{
    /// <summary>Each call at an independent uniform instant of the minute (a Poisson process given the count).</summary>
    Uniform,

    /// <summary>The i-th of n calls at minute start + i·60 s / n (FaasCache's trace replay; deterministic).</summary>
    Even,
}
