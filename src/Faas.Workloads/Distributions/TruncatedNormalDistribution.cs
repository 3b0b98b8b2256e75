using Faas.Engine;
using MathNet.Numerics.Distributions;

namespace Faas.Workloads.Distributions;

/// <summary>
/// Normal(mean, stddev) truncated at zero by rejection: negative draws are redrawn (after 64
/// rejections, which needs mean far below zero, the draw is zero).
/// </summary>
public sealed class TruncatedNormalDistribution(double meanSeconds, double stddevSeconds) : DurationDistribution
{
    public override SimDuration Sample(Random rng)
    {
        for (int i = 0; i < 64; i++)
        {
            double x = Normal.Sample(rng, meanSeconds, stddevSeconds);
            if (x >= 0) return FromSeconds(x);
        }
        return SimDuration.Zero;
    }

    /// <summary>Mean of the truncated normal: μ + σ·φ(α)/(1 − Φ(α)), α = −μ/σ.</summary>
    public override double MeanSeconds
    {
        get
        {
            if (stddevSeconds == 0) return Math.Max(0, meanSeconds);
            double a = -meanSeconds / stddevSeconds;
            return meanSeconds + stddevSeconds * Normal.PDF(0, 1, a) / (1 - Normal.CDF(0, 1, a));
        }
    }

    public override string Describe() => $"normal(mean={Fmt(meanSeconds)}, stddev={Fmt(stddevSeconds)})";
}
