using Faas.Engine;

namespace Faas.Platform.Policies;

/// <summary>Options of <see cref="OpenWhiskPolicy"/>; defaults are OpenWhisk's (idle-container timeout, runtimes.json stem cells, prewarm-expiration-check-interval).</summary>
/// <param name="KeepAlive">Idle timeout of a warm container (10 min).</param>
/// <param name="Initial">Stem cells started per runtime at start-up (2).</param>
/// <param name="Reactive">Scale stem cells by recent cold starts (true); false keeps <see cref="Initial"/> forever.</param>
/// <param name="Min">Reactive floor per runtime (1).</param>
/// <param name="Max">Reactive ceiling per runtime (4).</param>
/// <param name="Ttl">An unused stem cell older than this is removed at the next check (2 min).</param>
/// <param name="Threshold">Cold starts per check interval that ask for <see cref="Increment"/> more stem cells (1).</param>
/// <param name="Increment">Stem cells per <see cref="Threshold"/> cold starts (1).</param>
/// <param name="CheckInterval">How often expired stem cells are removed and the desired count recomputed (1 min).</param>
/// <param name="DropWhenFull">Drop a call that cannot be served at once instead of queueing it.</param>
public sealed record OpenWhiskOptions(
    SimDuration KeepAlive,
    int Initial,
    bool Reactive,
    int Min,
    int Max,
    SimDuration Ttl,
    int Threshold,
    int Increment,
    SimDuration CheckInterval,
    bool DropWhenFull = false)
{
    public static readonly OpenWhiskOptions Default = new(
        SimDuration.FromMinutes(10), 2, true, 1, 4, SimDuration.FromMinutes(2), 1, 1, SimDuration.FromMinutes(1));
}
