namespace Faas.Plotting;

/// <summary>Optional inputs to the charts that the CSVs do not hold (e.g. from a run's manifest.json).</summary>
/// <param name="Crossover">Reference lines of the crossover map.</param>
public sealed record ChartOptions(CrossoverMarks? Crossover = null)
{
    public static readonly ChartOptions Default = new();
}
