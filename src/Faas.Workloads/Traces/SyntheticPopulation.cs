using System.Globalization;
using Faas.Engine;
using Faas.Workloads.Arrivals;
using Faas.Workloads.Distributions;

namespace Faas.Workloads.Traces;

/// <summary>Options of <see cref="SyntheticPopulation"/> (YAML: <c>workload: {trace: synthetic, ...}</c>).</summary>
/// <param name="Functions">Functions to generate.</param>
/// <param name="CallsPerDay">Scale knob: all rates are multiplied by one factor so that the expected calls per day are this; null keeps the fitted rates.</param>
/// <param name="Minutes">Length of the generated trace in minutes.</param>
/// <param name="Amplitude">Diurnal modulation of every rate, 1 + amplitude·cos(2π(t − peak)/24 h); 0 is flat.</param>
/// <param name="PopulationSeed">Seed of the population (rates, memory, execution times); arrivals use the replication seed.</param>
/// <param name="RandomRuntime">Assign each function a runtime uniformly at random (else all to the given runtime).</param>
public sealed record SyntheticOptions(
    int Functions = 1000,
    double? CallsPerDay = null,
    int Minutes = 1440,
    MinuteSpread Spread = MinuteSpread.Uniform,
    double Amplitude = 0,
    SimDuration Peak = default,
    ulong PopulationSeed = 1,
    bool RandomRuntime = false);

/// <summary>
/// A synthetic Azure-like population: N functions grouped in apps, with invocation rates spanning
/// many orders of magnitude, replayed like the 2019 trace (Poisson counts per function per minute,
/// spread within the minute). The shape follows the published characterisation of Azure Functions
/// (Shahrad et al., ATC 2020); the parameters below are fits to the quoted figures, not the
/// paper's raw data:
/// <list type="bullet">
/// <item>Functions per app: 1 (54%), 2 (16%), 3 (10%), 4–5 (8%), 6–10 (7%), 11–20 (5%, uniform) — the paper's table, its 11+ tail cut at 20.</item>
/// <item>App calls per day ~ log-normal, ln-mean 3.69, ln-sd 4.08: fitted so that 45% of apps are called at most hourly (≤ 24/day) and 81% at most once a minute (≤ 1440/day), the two figures the paper quotes. An app's rate is split among its functions with exponential weights.</item>
/// <item>Function average execution time ~ log-normal over seconds, μ = −0.38, σ = 2.36 (the paper's fit): median 0.68 s, about 20% under 100 ms; clamped to [1 ms, 600 s]. Each call's time is log-normal around that average with σ = 0.5 (an assumption: the paper gives no per-call spread).</item>
/// <item>App memory ~ log-normal MiB with median 170 and 90th percentile 400 (the paper's "50% of apps at most 170 MB, 90% at most 400 MB"), clamped to [16, 1536] MiB, split evenly across the app's functions.</item>
/// </list>
/// Rescaling with <see cref="SyntheticOptions.CallsPerDay"/> multiplies every rate by one factor,
/// so the fractions of rarely called apps shift; <see cref="HourlyOrLessAppFraction"/> reports
/// what the generated population really has.
/// </summary>
public sealed class SyntheticPopulation : ITraceWorkload
{
    public const double AppRateLnMean = 3.69;
    public const double AppRateLnSd = 4.08;
    public const double ExecLnMean = -0.38;
    public const double ExecLnSd = 2.36;
    public const double CallExecLnSd = 0.5;
    public const double MemoryMedianMb = 170;
    public const double MemoryP90Mb = 400;

    private readonly double[] _perMinute; // expected calls per minute of each function (before the diurnal factor)

    private SyntheticPopulation(SyntheticOptions o, int firstFunction, IReadOnlyList<TraceFunction> functions, IReadOnlyList<int> runtimes,
        double[] perMinute, double hourly, double fastExec, double smallMemory, double scale)
    {
        Options = o;
        FirstFunction = firstFunction;
        Functions = functions;
        Runtimes = runtimes;
        _perMinute = perMinute;
        HourlyOrLessAppFraction = hourly;
        FastFunctionFraction = fastExec;
        SmallAppFraction = smallMemory;
        ScaleFactor = scale;
    }

    public SyntheticOptions Options { get; }
    public int FirstFunction { get; }
    public IReadOnlyList<TraceFunction> Functions { get; }

    /// <summary>Runtime index of each function.</summary>
    public IReadOnlyList<int> Runtimes { get; }

    /// <summary>Fraction of apps whose (scaled) rate is at most one call per hour.</summary>
    public double HourlyOrLessAppFraction { get; }

    /// <summary>Fraction of functions whose average execution time is under 100 ms.</summary>
    public double FastFunctionFraction { get; }

    /// <summary>Fraction of apps with at most 170 MiB.</summary>
    public double SmallAppFraction { get; }

    /// <summary>The factor applied to the fitted rates (1 without <c>calls_per_day</c>).</summary>
    public double ScaleFactor { get; }

    public SimDuration Span => new(Options.Minutes * MinuteSpreadStream.MinuteMicros);

    public double ExpectedCalls => _perMinute.Sum() * Options.Minutes;

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"synthetic({Functions.Count} functions, ~{ExpectedCalls:0} calls in {Options.Minutes} min, scale {ScaleFactor:0.###}; apps called at most hourly {HourlyOrLessAppFraction:P0}, functions under 100 ms {FastFunctionFraction:P0}, apps at most 170 MiB {SmallAppFraction:P0})");

    public IArrivalStream CreateStream(ulong replicationSeed, SimTime end) =>
        new MinuteSpreadStream(new Source(this, SeedSequence.Stream(replicationSeed, StreamKeys.SyntheticCounts)), Options.Spread,
            SeedSequence.Stream(replicationSeed, StreamKeys.SyntheticSpread), FirstFunction, end);

    /// <summary>Draws the population. <paramref name="runtime"/> is the single runtime, or with <see cref="SyntheticOptions.RandomRuntime"/> the number of runtimes to choose from.</summary>
    public static SyntheticPopulation Generate(SyntheticOptions o, int firstFunction, int runtime, int runtimeCount)
    {
        if (o.Functions < 1 || o.Functions >= MinuteSpreadStream.MaxFunctions) throw new ArgumentOutOfRangeException(nameof(o), "functions must be in [1, 2^24)");
        var rng = SeedSequence.Stream(o.PopulationSeed, StreamKeys.SyntheticPopulation);
        double memSd = Math.Log(MemoryP90Mb / MemoryMedianMb) / 1.2815515655446004;
        var functions = new List<TraceFunction>(o.Functions);
        var runtimes = new List<int>(o.Functions);
        var perDay = new double[o.Functions];
        var appRates = new List<double>();
        var appMemory = new List<double>();
        int fast = 0;
        while (functions.Count < o.Functions)
        {
            int size = Math.Min(AppSize(rng), o.Functions - functions.Count);
            int app = appRates.Count;
            double rate = Math.Exp(AppRateLnMean + AppRateLnSd * Normal(rng));
            double mb = Math.Clamp(Math.Exp(Math.Log(MemoryMedianMb) + memSd * Normal(rng)), 16, 1536);
            appRates.Add(rate);
            appMemory.Add(mb);
            var weights = new double[size];
            for (int i = 0; i < size; i++) weights[i] = -Math.Log(1 - rng.NextDouble());
            double wsum = weights.Sum();
            for (int i = 0; i < size; i++)
            {
                int f = functions.Count;
                perDay[f] = rate * weights[i] / wsum;
                double avg = Math.Clamp(Math.Exp(ExecLnMean + ExecLnSd * Normal(rng)), 0.001, 600);
                if (avg < 0.1) fast++;
                long mem = Math.Max(1L << 20, (long)Math.Round(mb / size * (1 << 20)));
                var exec = new LogNormalDistribution(Math.Log(avg) - CallExecLnSd * CallExecLnSd / 2, CallExecLnSd);
                string appName = "app-" + app.ToString("D6", CultureInfo.InvariantCulture);
                functions.Add(new TraceFunction($"fn-{f.ToString("D6", CultureInfo.InvariantCulture)}", appName, appName, "", 0, 0, exec, mem));
                runtimes.Add(o.RandomRuntime ? rng.Next(runtimeCount) : runtime);
            }
        }
        double scale = o.CallsPerDay is { } target ? target / perDay.Sum() : 1.0;
        var perMinute = perDay.Select(r => r * scale / 1440.0).ToArray();
        double hourly = appRates.Count(r => r * scale <= 24) / (double)appRates.Count;
        double small = appMemory.Count(m => m <= MemoryMedianMb) / (double)appMemory.Count;
        return new SyntheticPopulation(o, firstFunction, functions, runtimes, perMinute, hourly, fast / (double)o.Functions, small, scale);
    }

    /// <summary>Functions per app from the paper's table (11+ taken as uniform 11–20).</summary>
    private static int AppSize(Random rng)
    {
        double u = rng.NextDouble();
        if (u < 0.54) return 1;
        if (u < 0.70) return 2;
        if (u < 0.80) return 3;
        if (u < 0.88) return 4 + rng.Next(2);
        if (u < 0.95) return 6 + rng.Next(5);
        return 11 + rng.Next(10);
    }

    /// <summary>A standard normal draw (Box–Muller, one of the pair).</summary>
    private static double Normal(Random rng)
    {
        double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>Poisson counts per function for each minute, drawn as the run reads them.</summary>
    private sealed class Source(SyntheticPopulation p, Random rng) : IMinuteCountSource
    {
        public int Minutes => p.Options.Minutes;

        public int Read(int minute, ref int[] functions, ref int[] counts)
        {
            double g = 1.0;
            if (p.Options.Amplitude > 0)
            {
                double t = (minute + 0.5) * 60.0;
                g = 1 + p.Options.Amplitude * Math.Cos(2 * Math.PI * (t - p.Options.Peak.Seconds) / 86400.0);
            }
            int n = 0;
            var rates = p._perMinute;
            if (functions.Length < rates.Length) Array.Resize(ref functions, rates.Length);
            if (counts.Length < rates.Length) Array.Resize(ref counts, rates.Length);
            for (int f = 0; f < rates.Length; f++)
            {
                int c = PoissonSampler.Sample(rng, rates[f] * g);
                if (c == 0) continue;
                functions[n] = f;
                counts[n] = c;
                n++;
            }
            return n;
        }
    }
}
