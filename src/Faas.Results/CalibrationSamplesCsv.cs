namespace Faas.Results;

/// <summary>
/// The raw samples <c>faas-sim calibrate</c> keeps next to its profile (<c>profile.yaml</c> →
/// <c>profile.samples.csv</c>): one row per measurement, in milliseconds.
/// </summary>
public static class CalibrationSamplesCsv
{
    public static readonly string[] Header = ["runtime", "metric", "concurrency", "sample", "ms"];

    /// <summary>The samples file of the profile at <paramref name="profile"/>.</summary>
    public static string PathFor(string profile) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(profile))!, Path.GetFileNameWithoutExtension(profile) + ".samples.csv");
}
