using Faas.Results;
using ScottPlot;

namespace Faas.Plotting;

/// <summary>
/// Fixed colours for things that are not models: start types and container states. They are
/// the same in every chart so a reader learns them once.
/// </summary>
public static class ChartColors
{
    /// <summary>Cold starts: red, the costly path.</summary>
    public static Color Cold { get; } = Color.FromHex("#D1495B");

    /// <summary>Prewarm starts: amber, between cold and warm.</summary>
    public static Color Prewarm { get; } = Color.FromHex("#EDAE49");

    /// <summary>Warm starts: green, the cheap path.</summary>
    public static Color Warm { get; } = Color.FromHex("#3C9D5D");

    /// <summary>Busy containers (running a call).</summary>
    public static Color Busy { get; } = Color.FromHex("#2E5E8C");

    /// <summary>Containers starting (being created or loading a runtime).</summary>
    public static Color Starting { get; } = Color.FromHex("#EDAE49");

    /// <summary>Idle containers (held in memory, serving nothing).</summary>
    public static Color Idle { get; } = Color.FromHex("#B8C4CE");

    /// <summary>Offered load line.</summary>
    public static Color Load { get; } = Color.FromHex("#1B1B1B");

    /// <summary>Pool target line.</summary>
    public static Color PoolTarget { get; } = Color.FromHex("#8E44AD");

    /// <summary>Pareto front line and rings in the trade-off chart.</summary>
    public static Color Pareto { get; } = Color.FromHex("#555555");

    /// <summary>The colour of a start type; unknown types are grey.</summary>
    public static Color ForStartType(string startType) => startType switch
    {
        StartTypes.Cold => Cold,
        StartTypes.Prewarm => Prewarm,
        StartTypes.Warm => Warm,
        _ => Color.FromHex("#7F7F7F"),
    };
}
