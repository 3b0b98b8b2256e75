using Faas.Results;

namespace Faas.Plotting;

/// <summary>Optional inputs to the charts that the CSVs do not hold (e.g. from a run's manifest.json).</summary>
/// <param name="Crossover">Reference lines of the crossover map.</param>
public sealed record ChartOptions(CrossoverMarks? Crossover = null)
{
    public static readonly ChartOptions Default = new();

    /// <summary>
    /// The inputs the manifest.json of <paramref name="folder"/> holds (keep-alive ttl, runtime start and
    /// pool window for the crossover map); <see cref="Default"/> without a manifest.
    /// </summary>
    /// <exception cref="ResultsFormatException">The manifest cannot be read.</exception>
    public static ChartOptions FromManifest(string folder)
    {
        string path = Path.Combine(folder, RunManifest.FileName);
        if (!File.Exists(path)) return Default;
        var m = RunManifest.Load(path);
        return new ChartOptions(new CrossoverMarks(
            m.Resolved.Models.FirstOrDefault(x => x.TtlS is not null)?.TtlS,
            m.Resolved.Runtimes.Count == 1 ? m.Resolved.Runtimes[0].ColdStartMeanS : null,
            m.Resolved.Models.FirstOrDefault(x => x.WindowS is not null)?.WindowS));
    }
}
