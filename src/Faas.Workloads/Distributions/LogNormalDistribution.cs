using Faas.Engine;
using MathNet.Numerics.Distributions;

namespace Faas.Workloads.Distributions;

/// <summary>Log-normal over seconds: ln X ~ Normal(mu, sigma).</summary>
public sealed class LogNormalDistribution(double mu, double sigma) : DurationDistribution
{
    /// <summary>z of the 99th percentile of the standard normal, used to turn (median, p99) into (mu, sigma).</summary>
    public const double Z99 = 2.3263478740408408;

    /// <summary>Builds from the median and 99th percentile: mu = ln median, sigma = (ln p99 − mu) / z99.</summary>
    public static LogNormalDistribution FromMedianP99(double medianSeconds, double p99Seconds) =>
        new(Math.Log(medianSeconds), (Math.Log(p99Seconds) - Math.Log(medianSeconds)) / Z99);

    public double Mu => mu;
    public double Sigma => sigma;
    public override SimDuration Sample(Random rng) => FromSeconds(LogNormal.Sample(rng, mu, sigma));
    public override double MeanSeconds => Math.Exp(mu + sigma * sigma / 2);
    public override string Describe() => $"lognormal(median={Fmt(Math.Exp(mu))}, p99={Fmt(Math.Exp(mu + Z99 * sigma))})";
}
