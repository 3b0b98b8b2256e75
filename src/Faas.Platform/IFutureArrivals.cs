using Faas.Engine;

namespace Faas.Platform;

/// <summary>
/// The calls still to come, as a clairvoyant policy sees them (the <c>oracle</c> model). It is data,
/// not a clock: the driver replays the same arrival streams ahead of the run, so a policy that
/// reads it stays pure and deterministic. Only the simulator provides one.
/// </summary>
public interface IFutureArrivals
{
    /// <summary>
    /// The arrival time of the <paramref name="k"/>-th (0-based) call of <paramref name="function"/>
    /// that has not arrived yet at <paramref name="now"/>, looking at most the horizon ahead;
    /// <see cref="SimTime.MaxValue"/> when there is none within it.
    /// </summary>
    SimTime Peek(SimTime now, int function, int k);

    /// <summary>
    /// The execution time (warm: the container's busy time) of the call <see cref="Peek"/> returns
    /// for the same arguments, when the future knows it; false otherwise (the default).
    /// </summary>
    bool TryPeekExec(SimTime now, int function, int k, out SimDuration exec)
    {
        exec = SimDuration.Zero;
        return false;
    }

    /// <summary>A call of <paramref name="function"/> arrived at <paramref name="now"/>: it leaves the future.</summary>
    void Consume(SimTime now, int function);
}
