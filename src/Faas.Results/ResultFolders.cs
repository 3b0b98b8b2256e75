namespace Faas.Results;

/// <summary>How a results root is read: one results folder (holding summary.csv), or a folder of them.</summary>
public static class ResultFolders
{
    /// <summary>
    /// <paramref name="root"/> itself when it holds summary.csv, else its immediate subfolders that do,
    /// sorted by name (ordinal); empty when there is none (or no such folder). Callers say why.
    /// </summary>
    public static IReadOnlyList<string> Find(string root)
    {
        if (File.Exists(Path.Combine(root, SummaryCsv.FileName))) return [root];
        if (!Directory.Exists(root)) return [];
        return Directory.GetDirectories(root).Where(d => File.Exists(Path.Combine(d, SummaryCsv.FileName))).Order(StringComparer.Ordinal).ToList();
    }
}
