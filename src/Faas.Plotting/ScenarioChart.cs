namespace Faas.Plotting;

/// <summary>A chart built for one scenario, not yet written; <see cref="FileStem"/> is its file name without extension.</summary>
public sealed record ScenarioChart(string Scenario, ChartKind Kind, string FileStem, ChartFigure Figure);
