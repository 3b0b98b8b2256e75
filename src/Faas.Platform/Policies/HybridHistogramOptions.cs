using Faas.Engine;

namespace Faas.Platform.Policies;

/// <summary>Options of <see cref="HybridHistogramPolicy"/> (defaults from Shahrad et al., ATC 2020, where the paper gives them).</summary>
/// <param name="PerApp">Keep one idle-time histogram per application (the paper's unit); false: per function.</param>
/// <param name="Range">Histogram range: idle times beyond it are out of bounds (4 h).</param>
/// <param name="Bin">Bin width (1 min).</param>
/// <param name="Head">Percentile whose bin's lower edge is the pre-warm window (5).</param>
/// <param name="Tail">Percentile whose bin's upper edge is the keep-alive end (99).</param>
/// <param name="Margin">Safety margin: the pre-warm window shrinks and the keep-alive end grows by this fraction (0.1).</param>
/// <param name="CvThreshold">A histogram whose bin counts have a coefficient of variation below this is not representative (2).</param>
/// <param name="MinSamples">Idle times needed before the histogram (or the forecast) is trusted (5; our choice, the paper gives none).</param>
/// <param name="FallbackKeepAlive">Keep-alive while the histogram is not representative (the range, 4 h).</param>
/// <param name="OobThreshold">Above this fraction of out-of-bound idle times the forecast replaces the histogram (0.5; our choice).</param>
/// <param name="ForecastMargin">Margin around the forecast idle time: pre-warm at (1 − m)·forecast, unload at (1 + m)·forecast (0.15).</param>
/// <param name="DropWhenFull">Drop a call that cannot be served at once instead of queueing it.</param>
/// <param name="Forecast">The time-series forecast: <see cref="HybridForecast.Ar"/> (autoregressive, order by AIC, on log idle times; the default) or <see cref="HybridForecast.Mean"/> (mean of the history).</param>
/// <param name="ForecastOrder">Largest autoregressive order tried (4: a cycle of up to 4 idle times, or 3 with a trend; our choice).</param>
/// <param name="ForecastHistory">Idle times kept per key for the forecast (32; bounds the fit's cost and memory; our choice).</param>
public sealed record HybridHistogramOptions(
    bool PerApp,
    SimDuration Range,
    SimDuration Bin,
    double Head,
    double Tail,
    double Margin,
    double CvThreshold,
    int MinSamples,
    SimDuration FallbackKeepAlive,
    double OobThreshold,
    double ForecastMargin,
    bool DropWhenFull = false,
    HybridForecast Forecast = HybridForecast.Ar,
    int ForecastOrder = 4,
    int ForecastHistory = 32)
{
    public static readonly HybridHistogramOptions Default = new(
        true, SimDuration.FromHours(4), SimDuration.FromMinutes(1), 5, 99, 0.10, 2.0, 5, SimDuration.FromHours(4), 0.5, 0.15);

    /// <summary>Number of bins (range / bin, rounded up).</summary>
    public int Bins => (int)((Range.Micros + Bin.Micros - 1) / Bin.Micros);
}
