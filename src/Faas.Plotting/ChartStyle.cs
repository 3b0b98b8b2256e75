using ScottPlot;
using SkiaSharp;

namespace Faas.Plotting;

/// <summary>
/// Shared look of every chart: one sans-serif font, fixed sizes, light grid. Kept in one place
/// so all charts of a report match.
/// </summary>
internal static class ChartStyle
{
    /// <summary>Default figure width in pixels (fits a report column at 150 dpi).</summary>
    public const int Width = 900;

    /// <summary>Default figure height in pixels (5:3 aspect).</summary>
    public const int Height = 540;

    public const float TitleSize = 17;
    public const float AxisLabelSize = 14;
    public const float TickLabelSize = 12;
    public const float LegendSize = 12;
    public const float AnnotationSize = 11;

    /// <summary>
    /// Sans-serif fonts to try in order. ScottPlot's own default on a Debian image without
    /// fontconfig aliases resolves to "DejaVu Serif", which reads poorly in charts.
    /// </summary>
    private static readonly string[] SansCandidates =
        ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica", "Noto Sans", "Open Sans", "FreeSans"];

    private static readonly Lazy<string> LazyFont = new(ResolveFont);

    /// <summary>The font family used for all text.</summary>
    public static string FontName => LazyFont.Value;

    /// <summary>Applies fonts and sizes to everything currently on <paramref name="plot"/>; call after adding plottables.</summary>
    public static void Apply(Plot plot)
    {
        plot.Font.Set(FontName);
        plot.Axes.Title.Label.FontSize = TitleSize;
        plot.Axes.Title.Label.Bold = true;
        foreach (IAxis axis in plot.Axes.GetAxes())
        {
            axis.Label.FontSize = AxisLabelSize;
            axis.Label.Bold = false;
            axis.TickLabelStyle.FontSize = TickLabelSize;
        }

        plot.Legend.FontSize = LegendSize;
        plot.Legend.FontName = FontName;
        plot.Grid.MajorLineColor = Colors.Black.WithOpacity(0.10);
        plot.Grid.MinorLineColor = Colors.Black.WithOpacity(0.04);
    }

    /// <summary>Adds a text label in the chart font at data coordinates.</summary>
    public static ScottPlot.Plottables.Text Text(Plot plot, string text, double x, double y, float size = AnnotationSize)
    {
        var t = plot.Add.Text(text, x, y);
        t.LabelFontName = FontName;
        t.LabelFontSize = size;
        return t;
    }

    /// <summary>Typeface of the chart font, for drawing and measuring outside ScottPlot.</summary>
    public static SKTypeface Typeface(bool bold = false) =>
        SKTypeface.FromFamilyName(FontName, bold ? SKFontStyle.Bold : SKFontStyle.Normal) ?? SKTypeface.Default;

    /// <summary>Width in pixels of <paramref name="text"/> at <paramref name="size"/> in the chart font.</summary>
    public static float MeasureWidth(string text, float size)
    {
        using var font = new SKFont(Typeface(), size);
        return font.MeasureText(text);
    }

    private static string ResolveFont()
    {
        foreach (string name in SansCandidates)
        {
            using SKTypeface? face = SKFontManager.Default.MatchFamily(name);
            if (face is not null && string.Equals(face.FamilyName, name, StringComparison.OrdinalIgnoreCase))
            {
                return name;
            }
        }

        return Fonts.Default;
    }
}
