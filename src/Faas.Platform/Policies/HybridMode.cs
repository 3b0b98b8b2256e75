namespace Faas.Platform.Policies;

/// <summary>Which part of the hybrid histogram policy decides an application's windows.</summary>
public enum HybridMode : byte
{
    /// <summary>Too few idle times, or a histogram with a low coefficient of variation: fixed keep-alive, no pre-warm.</summary>
    Fallback,

    /// <summary>The idle-time histogram: pre-warm at its head, keep alive to its tail.</summary>
    Histogram,

    /// <summary>Most idle times are out of the histogram's range: windows around a forecast of the next idle time.</summary>
    Forecast,
}
