namespace Faas.Platform.Policies;

/// <summary>How <see cref="HybridHistogramPolicy"/> forecasts the next idle time of an app whose idle times mostly exceed the histogram's range.</summary>
public enum HybridForecast : byte
{
    /// <summary>Autoregressive model with intercept on the log idle times, order by AIC (<see cref="IdleTimeForecast"/>).</summary>
    Ar,

    /// <summary>Mean of the kept idle times (the simplification this framework used before).</summary>
    Mean,
}
