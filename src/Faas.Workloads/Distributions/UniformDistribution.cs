using Faas.Engine;
using MathNet.Numerics.Distributions;

namespace Faas.Workloads.Distributions;

/// <summary>Uniform on [min, max] seconds.</summary>
public sealed class UniformDistribution(double minSeconds, double maxSeconds) : DurationDistribution
{
    public override SimDuration Sample(Random rng) => FromSeconds(ContinuousUniform.Sample(rng, minSeconds, maxSeconds));
    public override double MeanSeconds => (minSeconds + maxSeconds) / 2;
    public override string Describe() => $"uniform(min={Fmt(minSeconds)}, max={Fmt(maxSeconds)})";
}
