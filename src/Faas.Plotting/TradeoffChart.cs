using Faas.Results;
using ScottPlot;

namespace Faas.Plotting;

/// <summary>
/// Trade-off between memory spent and cold starts avoided: one point per model label at its
/// mean idle memory (x, GB·s) and mean cold-start fraction (y) over replications, in the
/// model's palette colour, with 95% CI error bars in both directions when there are at least
/// two replications. Points on the Pareto front (no other model is lower in both) are ringed
/// and joined by a dashed line. Each point is labelled with its model; labels are placed to
/// avoid each other, the points and the error bars; with more than ten points a label that
/// cannot be placed clear is dropped unless its point is on the front.
/// </summary>
public static class TradeoffChart
{
    private const float MarkerSize = 11;
    private const float RingSize = 21;
    private const float LabelGap = (RingSize / 2) + 3;

    /// <summary>Above this many points, a label that cannot be placed clear is dropped (unless on the front).</summary>
    private const int CrowdSize = 10;

    /// <summary>Builds the chart from the summary rows of one scenario.</summary>
    public static ChartFigure Build(string scenario, IReadOnlyList<SummaryRow> rows, ModelPalette palette)
    {
        var mem = ModelStats.Summarise(rows, palette.Labels, r => r.IdleMemGbS);
        var cold = ModelStats.Summarise(rows, palette.Labels, r => r.ColdFraction);
        var points = mem.Select((m, i) => (X: m.Mean, Y: cold[i].Mean)).ToList();
        var front = ParetoFront.Indices(points);

        var plot = new Plot();
        if (front.Count > 1)
        {
            var line = plot.Add.ScatterLine(front.Select(i => points[i].X).ToArray(), front.Select(i => points[i].Y).ToArray(), ChartColors.Pareto);
            line.LinePattern = LinePattern.Dashed;
            line.LineWidth = 1.5f;
            line.MarkerSize = 0;
            line.LegendText = "Pareto front (lower-left is better)";
        }

        foreach (int i in front)
        {
            var ring = plot.Add.Marker(points[i].X, points[i].Y, MarkerShape.OpenCircle, RingSize, ChartColors.Pareto);
            ring.MarkerLineWidth = 1.5f;
            if (front.Count == 1)
            {
                ring.LegendText = "Pareto-optimal (lower-left is better)";
            }
        }

        for (int i = 0; i < points.Count; i++)
        {
            if (!double.IsFinite(points[i].X) || !double.IsFinite(points[i].Y))
            {
                continue;
            }

            Color color = palette.ColorFor(mem[i].Model);
            if (mem[i].HalfWidth > 0 || cold[i].HalfWidth > 0)
            {
                // Memory cannot be negative and a fraction lies in [0, 1]: intervals are clipped there.
                var err = new ScottPlot.Plottables.ErrorBar(
                    [points[i].X], [points[i].Y],
                    [mem[i].HalfWidth], [Math.Min(mem[i].HalfWidth, Math.Max(0, points[i].X))],
                    [Math.Min(cold[i].HalfWidth, Math.Max(0, 1 - points[i].Y))], [Math.Min(cold[i].HalfWidth, Math.Max(0, points[i].Y))])
                {
                    Color = color,
                    LineWidth = 1.2f,
                    CapSize = 5,
                };
                plot.Add.Plottable(err);
            }

            var marker = plot.Add.Marker(points[i].X, points[i].Y, MarkerShape.FilledCircle, MarkerSize, color);
            marker.MarkerLineColor = Colors.White;
            marker.MarkerLineWidth = 1;
        }

        var finite = points.Select((p, i) => (p, i)).Where(t => double.IsFinite(t.p.X) && double.IsFinite(t.p.Y)).ToList();
        double xMax = finite.Count > 0 ? finite.Max(t => t.p.X + mem[t.i].HalfWidth) : 1;
        double yMax = finite.Count > 0 ? finite.Max(t => Math.Min(1, t.p.Y + cold[t.i].HalfWidth)) : 1;
        double xMin = Math.Min(0, finite.Count > 0 ? finite.Min(t => t.p.X) : 0);
        double yMin = Math.Min(0, finite.Count > 0 ? finite.Min(t => t.p.Y) : 0);
        xMax = xMax > xMin ? xMax : xMin + 1;
        yMax = Math.Max(yMax, yMin + 0.05);

        // Room on the right and top for labels, a little below zero so points on an axis stay visible.
        plot.Axes.SetLimits(
            xMin - ((xMax - xMin) * 0.04), xMax + ((xMax - xMin) * 0.18),
            yMin - ((yMax - yMin) * 0.05), yMax + ((yMax - yMin) * 0.12));

        plot.Title($"{scenario}: cold starts vs idle memory");
        plot.XLabel("idle container memory (GB·s, mean over replications)");
        plot.YLabel("cold-start fraction of calls");
        ChartStyle.Apply(plot);
        if (front.Count > 0)
        {
            plot.ShowLegend(Alignment.UpperRight);
        }

        PlaceLabels(plot, finite.Select(t => (mem[t.i].Model, t.p.X, t.p.Y, mem[t.i].HalfWidth, cold[t.i].HalfWidth, front.Contains(t.i))).ToList());
        return new ChartFigure(plot);
    }

    /// <summary>
    /// Greedy label placement in pixel space: for each point (Pareto points first) try eight
    /// positions around it and take the first that overlaps no earlier label, no point, no error
    /// bar and stays inside the data area.
    /// </summary>
    private static void PlaceLabels(Plot plot, List<(string Label, double X, double Y, double XErr, double YErr, bool OnFront)> points)
    {
        plot.RenderInMemory(ChartStyle.Width, ChartStyle.Height);
        PixelRect area = plot.LastRender.DataRect;
        var pixels = points.Select(p => plot.GetPixel(new Coordinates(p.X, p.Y))).ToList();
        float r = RingSize / 2;
        var taken = pixels.Select(px => new PixelRect(px.X - r, px.X + r, px.Y + r, px.Y - r)).ToList();
        foreach (var p in points)
        {
            // Error bars are obstacles too: a thin box along each whisker.
            Pixel lo = plot.GetPixel(new Coordinates(p.X - p.XErr, p.Y - p.YErr));
            Pixel hi = plot.GetPixel(new Coordinates(p.X + p.XErr, p.Y + p.YErr));
            Pixel c = plot.GetPixel(new Coordinates(p.X, p.Y));
            taken.Add(new PixelRect(lo.X, hi.X, c.Y + 4, c.Y - 4));
            taken.Add(new PixelRect(c.X - 4, c.X + 4, lo.Y, hi.Y));
        }
        float h = ChartStyle.AnnotationSize * 1.3f;

        // (alignment, dx, dy): right, left, above, below, then the diagonals. Pixel y grows downward.
        (Alignment Align, float Dx, float Dy)[] candidates =
        [
            (Alignment.MiddleLeft, LabelGap, 0), (Alignment.MiddleRight, -LabelGap, 0),
            (Alignment.LowerCenter, 0, -LabelGap), (Alignment.UpperCenter, 0, LabelGap),
            (Alignment.LowerLeft, LabelGap * 0.85f, -LabelGap * 0.85f), (Alignment.UpperLeft, LabelGap * 0.85f, LabelGap * 0.85f),
            (Alignment.LowerRight, -LabelGap * 0.85f, -LabelGap * 0.85f), (Alignment.UpperRight, -LabelGap * 0.85f, LabelGap * 0.85f),
        ];

        foreach (int i in Enumerable.Range(0, points.Count).OrderByDescending(i => points[i].OnFront))
        {
            float w = ChartStyle.MeasureWidth(points[i].Label, ChartStyle.AnnotationSize) + 4;
            (Alignment Align, float Dx, float Dy, PixelRect Rect)? chosen = null;
            int fewest = int.MaxValue;
            foreach (var (align, dx, dy) in candidates)
            {
                PixelRect rect = LabelRect(pixels[i], align, dx, dy, w, h);
                bool inside = rect.Left >= area.Left && rect.Right <= area.Right && rect.Top >= area.Top && rect.Bottom <= area.Bottom;
                int overlaps = taken.Count(t => Overlaps(t, rect));
                if (inside && overlaps < fewest)
                {
                    fewest = overlaps;
                    chosen = (align, dx, dy, rect);
                    if (overlaps == 0)
                    {
                        break;
                    }
                }
            }

            // With few points every label is shown, clear or not; in a crowd only clear labels
            // and those of Pareto points are, since a pile of overlapping labels reads as noise.
            bool keep = fewest == 0 || points[i].OnFront || points.Count <= CrowdSize;
            if (chosen is null && keep)
            {
                var (align, dx, dy) = candidates[0];
                chosen = (align, dx, dy, LabelRect(pixels[i], align, dx, dy, w, h));
            }
            else if (!keep)
            {
                chosen = null;
            }

            if (chosen is { } c)
            {
                taken.Add(c.Rect);
                var text = ChartStyle.Text(plot, points[i].Label, points[i].X, points[i].Y);
                text.Alignment = c.Align;
                text.OffsetX = c.Dx;
                text.OffsetY = c.Dy;
                text.LabelFontColor = Colors.Black;
                text.LabelBackgroundColor = Colors.White.WithAlpha(0.75);
            }
        }
    }

    private static PixelRect LabelRect(Pixel anchor, Alignment align, float dx, float dy, float w, float h)
    {
        float x = anchor.X + dx;
        float y = anchor.Y + dy;
        float left = align switch
        {
            Alignment.MiddleLeft or Alignment.LowerLeft or Alignment.UpperLeft => x,
            Alignment.MiddleRight or Alignment.LowerRight or Alignment.UpperRight => x - w,
            _ => x - (w / 2),
        };
        float top = align switch
        {
            Alignment.UpperLeft or Alignment.UpperCenter or Alignment.UpperRight => y,
            Alignment.LowerLeft or Alignment.LowerCenter or Alignment.LowerRight => y - h,
            _ => y - (h / 2),
        };
        return new PixelRect(left, left + w, top + h, top);
    }

    private static bool Overlaps(PixelRect a, PixelRect b) =>
        a.Left < b.Right && b.Left < a.Right && a.Top < b.Bottom && b.Top < a.Bottom;
}
