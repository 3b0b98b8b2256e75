using Faas.Results;

namespace Faas.Plotting;

/// <summary>Per-model means and 95% CI half-widths over replications, from summary rows.</summary>
internal static class ModelStats
{
    /// <summary>
    /// Groups <paramref name="rows"/> by model in <paramref name="order"/> (models not in it
    /// follow in order of appearance) and applies <paramref name="selector"/> to each row.
    /// </summary>
    public static List<(string Model, double Mean, double HalfWidth, int N)> Summarise(
        IEnumerable<SummaryRow> rows, IEnumerable<string> order, Func<SummaryRow, double> selector)
    {
        var byModel = rows.GroupBy(r => r.Model, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList());
        var models = order.Where(byModel.ContainsKey).Concat(byModel.Keys).Distinct(StringComparer.Ordinal);
        var result = new List<(string, double, double, int)>();
        foreach (string model in models)
        {
            var (mean, half, n) = Statistics.MeanCi(byModel[model].Select(selector));
            result.Add((model, mean, half, n));
        }

        return result;
    }
}
