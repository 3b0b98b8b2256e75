using ScottPlot;
using SkiaSharp;

namespace Faas.Plotting;

/// <summary>
/// A finished chart: one ScottPlot <see cref="Plot"/>, or several panels laid out by a
/// <see cref="Multiplot"/> under a header holding the figure title and a legend shared by all
/// panels (so no legend covers data). <see cref="Save"/> writes it as PNG and SVG at exactly
/// <see cref="Width"/> × <see cref="Height"/> pixels.
/// </summary>
public sealed class ChartFigure
{
    private const float TitleRowHeight = 34;
    private const float LegendRowHeight = 22;
    private const float LegendKeyWidth = 26;
    private const float LegendItemGap = 22;
    private const float LegendSidePadding = 30;
    private readonly Multiplot? _multiplot;

    /// <summary>Wraps a single plot, which carries its own title and legend.</summary>
    public ChartFigure(Plot plot, int width = ChartStyle.Width, int height = ChartStyle.Height)
    {
        Plots = [plot];
        Legend = [];
        Width = width;
        Height = height;
    }

    /// <summary>
    /// Wraps a multi-panel figure. <paramref name="title"/> and <paramref name="legend"/> are
    /// drawn in a header above the panels; the legend wraps onto more rows when it is wider
    /// than the figure.
    /// </summary>
    public ChartFigure(Multiplot multiplot, string title, IReadOnlyList<FigureLegendItem> legend, int width, int height)
    {
        _multiplot = multiplot;
        Plots = multiplot.GetPlots();
        Title = title;
        Legend = legend;
        Width = width;
        Height = height;
    }

    /// <summary>The panels, top-left first; a single-plot figure has one.</summary>
    public IReadOnlyList<Plot> Plots { get; }

    /// <summary>The figure title of a multi-panel figure (single plots carry their own title).</summary>
    public string? Title { get; }

    /// <summary>The shared legend of a multi-panel figure; empty for a single plot.</summary>
    public IReadOnlyList<FigureLegendItem> Legend { get; }

    /// <summary>Output width in pixels.</summary>
    public int Width { get; }

    /// <summary>Output height in pixels.</summary>
    public int Height { get; }

    /// <summary>Total plottables over all panels (data series, bars, labels, error bars...).</summary>
    public int PlottableCount => Plots.Sum(p => p.GetPlottables().Count());

    /// <summary>
    /// Writes <c>&lt;basePath&gt;.png</c> and <c>&lt;basePath&gt;.svg</c>, creating the folder if needed,
    /// and returns the two paths (PNG first).
    /// </summary>
    public IReadOnlyList<string> Save(string basePath)
    {
        string? dir = Path.GetDirectoryName(Path.GetFullPath(basePath));
        if (dir is not null)
        {
            Directory.CreateDirectory(dir);
        }

        string png = basePath + ".png";
        string svg = basePath + ".svg";
        if (_multiplot is null)
        {
            Plots[0].SavePng(png, Width, Height);
            Plots[0].SaveSvg(svg, Width, Height);
        }
        else
        {
            SaveMultiplotPng(png);
            SaveMultiplotSvg(svg);
        }

        return [png, svg];
    }

    private void SaveMultiplotPng(string path)
    {
        using var surface = SKSurface.Create(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException("SkiaSharp could not create a raster surface");
        Draw(surface.Canvas);
        using SKImage image = surface.Snapshot();
        using SKData data = image.Encode(SKEncodedImageFormat.Png, 100);
        using FileStream fs = File.Create(path);
        data.SaveTo(fs);
    }

    private void SaveMultiplotSvg(string path)
    {
        using FileStream fs = File.Create(path);

        // The SVG canvas writes its document when disposed, so it must be disposed before the stream.
        using (SKCanvas canvas = SKSvgCanvas.Create(SKRect.Create(Width, Height), fs))
        {
            Draw(canvas);
        }
    }

    private void Draw(SKCanvas canvas)
    {
        using var titleFont = new SKFont(ChartStyle.Typeface(bold: true), ChartStyle.TitleSize);
        using var legendFont = new SKFont(ChartStyle.Typeface(), ChartStyle.LegendSize);
        var rows = LayoutLegend(legendFont);
        float header = (string.IsNullOrEmpty(Title) ? 6 : TitleRowHeight) + (rows.Count * LegendRowHeight) + (rows.Count > 0 ? 4 : 0);

        canvas.Clear(SKColors.White);

        // Multiplot layouts assume a figure rectangle at the origin, so the panels are drawn
        // into a translated canvas rather than into an offset rectangle.
        canvas.Save();
        canvas.Translate(0, header);
        _multiplot!.Render(canvas, new PixelRect(0, Width, Height - header, 0));
        canvas.Restore();

        using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        if (!string.IsNullOrEmpty(Title))
        {
            canvas.DrawText(Title, Width / 2f, TitleRowHeight - 10, SKTextAlign.Center, titleFont, paint);
        }

        float y = (string.IsNullOrEmpty(Title) ? 6 : TitleRowHeight) + (LegendRowHeight / 2);
        foreach (var (items, rowWidth) in rows)
        {
            float x = (Width - rowWidth) / 2;
            foreach (var (item, textWidth) in items)
            {
                DrawKey(canvas, item, x, y);
                paint.Color = SKColors.Black;
                canvas.DrawText(item.Label, x + LegendKeyWidth + 6, y + (ChartStyle.LegendSize * 0.35f), SKTextAlign.Left, legendFont, paint);
                x += LegendKeyWidth + 6 + textWidth + LegendItemGap;
            }

            y += LegendRowHeight;
        }
    }

    private List<(List<(FigureLegendItem Item, float TextWidth)> Items, float Width)> LayoutLegend(SKFont font)
    {
        var rows = new List<(List<(FigureLegendItem, float)>, float)>();
        var current = new List<(FigureLegendItem, float)>();
        float width = 0;
        foreach (var item in Legend)
        {
            float text = font.MeasureText(item.Label);
            float w = LegendKeyWidth + 6 + text;
            if (current.Count > 0 && width + LegendItemGap + w > Width - (2 * LegendSidePadding))
            {
                rows.Add((current, width));
                current = [];
                width = 0;
            }

            width += (current.Count > 0 ? LegendItemGap : 0) + w;
            current.Add((item, text));
        }

        if (current.Count > 0)
        {
            rows.Add((current, width));
        }

        return rows;
    }

    private static void DrawKey(SKCanvas canvas, FigureLegendItem item, float x, float y)
    {
        SKColor color = item.Color.ToSKColor();
        if (item.Symbol == FigureLegendSymbol.Box)
        {
            using var fill = new SKPaint { Color = color, Style = SKPaintStyle.Fill, IsAntialias = true };
            canvas.DrawRect(SKRect.Create(x + 3, y - 6, LegendKeyWidth - 6, 12), fill);
            return;
        }

        using var stroke = new SKPaint { Color = color, Style = SKPaintStyle.Stroke, StrokeWidth = 2.5f, IsAntialias = true };
        if (item.Symbol == FigureLegendSymbol.DashedLine)
        {
            stroke.PathEffect = SKPathEffect.CreateDash([5, 3], 0);
        }

        canvas.DrawLine(x, y, x + LegendKeyWidth, y, stroke);
    }
}
