using ScottPlot;

namespace Faas.Plotting;

/// <summary>One entry of the legend drawn under a multi-panel figure's title, shared by all panels.</summary>
public sealed record FigureLegendItem(string Label, Color Color, FigureLegendSymbol Symbol = FigureLegendSymbol.Line);
