using ScottPlot;

namespace Faas.Plotting;

/// <summary>
/// Colours of models, identical in every chart of a scenario. A model label's family is the
/// known family name it starts with (<c>keep-alive ttl=5m</c> → <c>keep-alive</c>), else its
/// first word. Each family has a fixed colour; when a scenario holds several labels of one
/// family (a sweep), they take shades of that colour from dark to light in the order given,
/// and a label equal to the family name keeps the pure colour.
/// </summary>
public sealed class ModelPalette
{
    /// <summary>Fixed colour per known model family (colour-blind-safe where the count allows).</summary>
    public static IReadOnlyDictionary<string, Color> FamilyColors { get; } = new Dictionary<string, Color>(StringComparer.Ordinal)
    {
        ["keep-alive"] = Color.FromHex("#1F77B4"),
        ["prewarm-pool"] = Color.FromHex("#FF7F0E"),
        ["cold-only"] = Color.FromHex("#7F7F7F"),
        ["openwhisk"] = Color.FromHex("#9467BD"),
        ["hybrid-histogram"] = Color.FromHex("#2CA02C"),
        ["faascache"] = Color.FromHex("#8C564B"),
        ["oracle"] = Color.FromHex("#111111"),
        ["fixed-pool"] = Color.FromHex("#E377C2"),
    };

    /// <summary>Colours for families not listed above, chosen by a stable hash of the family name.</summary>
    private static readonly Color[] Fallback =
        Color.FromHex(["#17BECF", "#BCBD22", "#D62728", "#393B79", "#637939", "#843C39", "#7B4173", "#3182BD"]);

    private readonly Dictionary<string, Color> _colors = new(StringComparer.Ordinal);

    /// <summary>Builds the palette for the model labels of one scenario, in display order.</summary>
    public ModelPalette(IEnumerable<string> modelLabels)
    {
        var labels = modelLabels.Distinct(StringComparer.Ordinal).ToList();
        foreach (var family in labels.GroupBy(FamilyOf, StringComparer.Ordinal))
        {
            Color baseColor = FamilyColor(family.Key);
            var members = family.Where(l => l != family.Key).ToList();
            if (labels.Contains(family.Key))
            {
                _colors[family.Key] = baseColor;
            }

            for (int i = 0; i < members.Count; i++)
            {
                _colors[members[i]] = Shade(baseColor, members.Count == 1 ? 0.5 : i / (double)(members.Count - 1));
            }
        }
    }

    /// <summary>Model labels known to this palette, in the order given.</summary>
    public IReadOnlyCollection<string> Labels => _colors.Keys;

    /// <summary>The colour of <paramref name="modelLabel"/>; a label not given to the constructor gets its family colour.</summary>
    public Color ColorFor(string modelLabel) =>
        _colors.TryGetValue(modelLabel, out Color c) ? c : FamilyColor(FamilyOf(modelLabel));

    /// <summary>
    /// The family of a model label: the longest known family name that the label equals or
    /// that is followed in it by a space, '(' , ',' , ':' or '['; otherwise the label's first
    /// whitespace-separated word.
    /// </summary>
    public static string FamilyOf(string modelLabel)
    {
        string label = modelLabel.Trim();
        foreach (string family in FamilyColors.Keys.OrderByDescending(f => f.Length))
        {
            if (label.Equals(family, StringComparison.OrdinalIgnoreCase))
            {
                return family;
            }

            if (label.Length > family.Length
                && label.StartsWith(family, StringComparison.OrdinalIgnoreCase)
                && " (,:[\t".Contains(label[family.Length]))
            {
                return family;
            }
        }

        int cut = label.IndexOfAny([' ', '\t']);
        return cut < 0 ? label : label[..cut];
    }

    /// <summary>The fixed colour of a family; unknown families get a stable fallback colour.</summary>
    public static Color FamilyColor(string family)
    {
        if (FamilyColors.TryGetValue(family, out Color c))
        {
            return c;
        }

        // FNV-1a: string.GetHashCode is randomised per process, which would change colours between runs.
        uint hash = 2166136261;
        foreach (char ch in family)
        {
            hash = (hash ^ ch) * 16777619;
        }

        return Fallback[hash % (uint)Fallback.Length];
    }

    /// <summary>Shade of <paramref name="c"/>: t=0 darker, t=0.5 the colour itself, t=1 lighter.</summary>
    private static Color Shade(Color c, double t) =>
        t < 0.5 ? c.MixedWith(Colors.Black, (0.5 - t) * 0.8) : c.MixedWith(Colors.White, (t - 0.5) * 0.8);
}
