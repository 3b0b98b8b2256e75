namespace Faas.Workloads.Arrivals;

/// <summary>How the calls of one function arrive (an immutable description; generators hold the state).</summary>
public abstract class ArrivalProcess
{
    /// <summary>A generator of this function's calls in [0, end), drawing from <paramref name="rng"/> only.</summary>
    public abstract IArrivalStream CreateStream(Random rng, int function, Faas.Engine.SimTime end);

    /// <summary>Long-run mean calls per second.</summary>
    public abstract double MeanRatePerSecond { get; }

    public abstract string Describe();

    public override string ToString() => Describe();
}
