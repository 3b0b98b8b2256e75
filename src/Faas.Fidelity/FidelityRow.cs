namespace Faas.Fidelity;

/// <summary>One compared metric of one model: simulation (mean over replications) vs the real run.</summary>
public sealed record FidelityRow(string Model, string Metric, double Sim, double Real, string Target, bool? Met)
{
    /// <summary>The simulated value of replication 0 alone: the same calls as the real run (no sampling noise between them).</summary>
    public double SimRep0 { get; init; } = double.NaN;

    /// <summary>With several real replications: the simulation's replications 0..R−1 pooled (NaN otherwise).</summary>
    public double SimPaired { get; init; } = double.NaN;

    /// <summary>With several real replications: the R real runs pooled (NaN otherwise).</summary>
    public double RealPaired { get; init; } = double.NaN;

    /// <summary>With several real replications: the value of each real run, in replication order (empty otherwise).</summary>
    public IReadOnlyList<double> RealRuns { get; init; } = [];

    /// <summary>True when the target is judged on the paired pooled values (several real replications).</summary>
    public bool Paired => !double.IsNaN(SimPaired) || !double.IsNaN(RealPaired);

    /// <summary>The simulated value the target is judged on: paired pooled when <see cref="Paired"/>, else the mean.</summary>
    public double JudgedSim => Paired ? SimPaired : Sim;

    /// <summary>The real value the target is judged on: paired pooled when <see cref="Paired"/>, else the one run.</summary>
    public double JudgedReal => Paired ? RealPaired : Real;

    public double AbsError => JudgedReal - JudgedSim;
    public double RelError => JudgedSim == 0 ? (JudgedReal == 0 ? 0 : double.PositiveInfinity) : (JudgedReal - JudgedSim) / JudgedSim;
}
