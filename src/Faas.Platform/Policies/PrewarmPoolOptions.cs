using Faas.Engine;

namespace Faas.Platform.Policies;

/// <summary>Options of <see cref="PrewarmPoolPolicy"/> (see its summary for the formula they feed).</summary>
/// <param name="Window">Length of the sliding window over which each runtime's executions are averaged.</param>
/// <param name="Min">Pool size floor per runtime (also when the runtime saw no call in the window).</param>
/// <param name="Max">Pool size ceiling per runtime.</param>
/// <param name="Headroom">Safety factor on the expected number of calls during one container start.</param>
/// <param name="StartupEstimate">Initial estimate of a container start (replaced by observed starts as they happen).</param>
/// <param name="Buckets">The window is kept as this many buckets; targets are re-evaluated at each bucket boundary.</param>
/// <param name="Scope">Pools per runtime (the seed) or per function (each function's pool sized by its own rate; min and max apply per function).</param>
/// <param name="Reuse">
/// After its call a container returns to its pool instead of being removed (the seed is one-shot).
/// Per runtime the next call on it is still a prewarm start (its code is injected again); per
/// function it is a warm start (it already holds the function's code).
/// </param>
public sealed record PrewarmPoolOptions(
    SimDuration Window,
    int Min,
    int Max,
    double Headroom,
    SimDuration StartupEstimate,
    int Buckets,
    PoolScope Scope = PoolScope.Runtime,
    bool Reuse = false)
{
    /// <summary>
    /// Window 5 min (long enough to smooth Poisson noise of a few calls per minute, short enough to
    /// follow a diurnal ramp); no floor or ceiling; headroom 2 (the pool covers twice the calls
    /// expected during one start); 1 s initial start estimate (measured ~0.5–1 s on Docker here);
    /// 10 buckets (targets follow the window in 30 s steps); per runtime, one-shot.
    /// </summary>
    public static readonly PrewarmPoolOptions Default = new(SimDuration.FromMinutes(5), 0, int.MaxValue, 2.0, SimDuration.FromSeconds(1), 10);
}
