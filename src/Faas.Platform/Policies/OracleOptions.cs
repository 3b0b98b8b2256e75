using Faas.Engine;

namespace Faas.Platform.Policies;

/// <summary>Options of <see cref="OraclePolicy"/>.</summary>
/// <param name="Horizon">How far ahead the oracle reads the future (memory holds the calls of one horizon); infinite reads the whole run ahead.</param>
/// <param name="MaxIdle">An idle container whose next use is further away than this is removed at once (infinite: kept while memory allows).</param>
/// <param name="DropWhenFull">Drop a call that cannot be served at once instead of queueing it.</param>
/// <param name="Scan">How many future calls of a function the eviction rank replays (with the function's busy containers freeing up) to find when its surplus idle container is first needed; beyond them it counts as needed at the next one (64).</param>
public sealed record OracleOptions(SimDuration Horizon, SimDuration MaxIdle, bool DropWhenFull = false, int Scan = 64)
{
    public static readonly OracleOptions Default = new(SimDuration.Infinite, SimDuration.Infinite);
}
