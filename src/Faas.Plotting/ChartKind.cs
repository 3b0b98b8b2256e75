namespace Faas.Plotting;

/// <summary>The charts drawn for a scenario; each maps to a fixed file-name suffix.</summary>
public enum ChartKind
{
    /// <summary><c>&lt;scenario&gt;-latency-cdf</c>: latency CDF by start type (needs invocations.csv).</summary>
    LatencyCdf,

    /// <summary><c>&lt;scenario&gt;-start-mix</c>: cold/prewarm/warm fractions per model.</summary>
    StartMix,

    /// <summary><c>&lt;scenario&gt;-tradeoff</c>: cold-start fraction vs idle memory with the Pareto front.</summary>
    Tradeoff,

    /// <summary><c>&lt;scenario&gt;-timeseries</c>: load and containers by state over time (needs timeseries.csv).</summary>
    TimeSeries,

    /// <summary><c>&lt;scenario&gt;-crossover</c>: prewarm-pool vs keep-alive over a two-parameter sweep.</summary>
    Crossover,
}
