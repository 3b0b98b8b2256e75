using MathNet.Numerics;

namespace Faas.Workloads.Traces;

/// <summary>
/// Poisson counts without allocation: inversion by sequential search for small means, Hörmann's
/// PTRS transformed rejection (1993, the method numpy uses) for means of 10 and more.
/// </summary>
public static class PoissonSampler
{
    public static int Sample(Random rng, double mean)
    {
        if (mean <= 0) return 0;
        if (mean < 10)
        {
            double p = Math.Exp(-mean), cdf = p, u = rng.NextDouble();
            int k = 0;
            while (u > cdf && k < 1000)
            {
                k++;
                p *= mean / k;
                cdf += p;
            }
            return k;
        }
        double slam = Math.Sqrt(mean), loglam = Math.Log(mean);
        double b = 0.931 + 2.53 * slam;
        double a = -0.059 + 0.02483 * b;
        double invalpha = 1.1239 + 1.1328 / (b - 3.4);
        double vr = 0.9277 - 3.6224 / (b - 2);
        while (true)
        {
            double u = rng.NextDouble() - 0.5;
            double v = rng.NextDouble();
            double us = 0.5 - Math.Abs(u);
            long k = (long)Math.Floor((2 * a / us + b) * u + mean + 0.43);
            if (us >= 0.07 && v <= vr) return (int)Math.Min(k, int.MaxValue);
            if (k < 0 || (us < 0.013 && v > us)) continue;
            if (Math.Log(v) + Math.Log(invalpha) - Math.Log(a / (us * us) + b) <= -mean + k * loglam - SpecialFunctions.GammaLn(k + 1))
                return (int)Math.Min(k, int.MaxValue);
        }
    }
}
