using Faas.Engine;

namespace Faas.Workloads.Distributions;

/// <summary>Always the same duration.</summary>
public sealed class ConstantDistribution(SimDuration value) : DurationDistribution
{
    public SimDuration Value { get; } = value;
    public override SimDuration Sample(Random rng) => Value;
    public override double MeanSeconds => Value.Seconds;
    public override string Describe() => $"constant(value={Value})";
}
