namespace Faas.Cli.Tests.Docs;

/// <summary>
/// Checks that every relative link and image of a page resolves: the file or folder exists
/// (relative to the page), and a <c>#anchor</c> names a heading of the target page (or of the page
/// itself). Web links (<c>http:</c>, <c>https:</c>, <c>mailto:</c>) are not followed.
/// </summary>
internal static class DocLinkChecker
{
    /// <summary>
    /// Problems of the page at <paramref name="pagePath"/>. <paramref name="allowedMissing"/> lists
    /// repository-relative files that may be linked before they exist (a page another branch writes).
    /// </summary>
    public static List<string> Check(string pagePath, string repoRoot, IReadOnlySet<string> allowedMissing)
    {
        var problems = new List<string>();
        string label = Path.GetRelativePath(repoRoot, pagePath).Replace('\\', '/');
        var doc = MarkdownDoc.Parse(File.ReadAllText(pagePath));
        foreach (var link in doc.Links)
        {
            string t = link.Target;
            if (t.StartsWith("http://", StringComparison.Ordinal) || t.StartsWith("https://", StringComparison.Ordinal) || t.StartsWith("mailto:", StringComparison.Ordinal)) continue;
            int hash = t.IndexOf('#');
            string file = hash >= 0 ? t[..hash] : t;
            string anchor = hash >= 0 ? t[(hash + 1)..] : "";
            string target = file.Length == 0 ? pagePath : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(pagePath)!, Uri.UnescapeDataString(file)));
            string rel = Path.GetRelativePath(repoRoot, target).Replace('\\', '/');
            if (rel.StartsWith("../", StringComparison.Ordinal))
            {
                problems.Add($"{label}:{link.Line}: link to {t} leaves the repository (a fresh clone has no {rel})");
                continue;
            }
            if (!File.Exists(target) && !Directory.Exists(target))
            {
                if (!allowedMissing.Contains(rel)) problems.Add($"{label}:{link.Line}: link to {t}: no {rel} in the repository");
                continue;
            }
            if (anchor.Length == 0) continue;
            if (!target.EndsWith(".md", StringComparison.Ordinal) || !MarkdownDoc.Parse(File.ReadAllText(target)).Anchors.Contains(anchor))
                problems.Add($"{label}:{link.Line}: link to {t}: {rel} has no heading #{anchor}");
        }
        return problems;
    }
}
