using Faas.Engine;
using MathNet.Numerics.Distributions;

namespace Faas.Workloads.Distributions;

/// <summary>Gamma with shape k and scale θ (seconds): mean kθ, coefficient of variation 1/√k.</summary>
public sealed class GammaDistribution(double shape, double scaleSeconds) : DurationDistribution
{
    private readonly double _rate = 1.0 / scaleSeconds;
    public override SimDuration Sample(Random rng) => FromSeconds(Gamma.Sample(rng, shape, _rate));
    public override double MeanSeconds => shape * scaleSeconds;
    public override string Describe() => $"gamma(shape={shape:0.###}, scale={Fmt(scaleSeconds)})";
}
