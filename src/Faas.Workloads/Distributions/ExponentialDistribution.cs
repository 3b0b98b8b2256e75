using Faas.Engine;
using MathNet.Numerics.Distributions;

namespace Faas.Workloads.Distributions;

/// <summary>Exponential with the given mean.</summary>
public sealed class ExponentialDistribution(double meanSeconds) : DurationDistribution
{
    private readonly double _rate = 1.0 / meanSeconds;
    public override SimDuration Sample(Random rng) => FromSeconds(Exponential.Sample(rng, _rate));
    public override double MeanSeconds => meanSeconds;
    public override string Describe() => $"exponential(mean={Fmt(meanSeconds)})";
}
