namespace Faas.Plotting;

/// <summary>How a figure-level legend item draws its key.</summary>
public enum FigureLegendSymbol
{
    /// <summary>A solid line segment (a data line).</summary>
    Line,

    /// <summary>A dashed line segment (a reference or target line).</summary>
    DashedLine,

    /// <summary>A filled box (an area or bar).</summary>
    Box,
}
