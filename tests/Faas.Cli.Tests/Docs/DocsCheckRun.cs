namespace Faas.Cli.Tests.Docs;

/// <summary>
/// Checks every page of <see cref="DocPages.All"/> once (parsing every command, running the
/// simulation ones) and keeps what each page gave, for the tests of <see cref="DocsCommandsTests"/>.
/// </summary>
public sealed class DocsCheckRun
{
    public DocsCheckRun()
    {
        foreach (string page in DocPages.All)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            using var checker = new DocCommandChecker(DocPages.RepoRoot);
            checker.CheckPage(File.ReadAllText(Path.Combine(DocPages.RepoRoot, page)), page);
            Results[page] = new PageResult(checker.Problems, checker.Documented, checker.Parsed, checker.Ran, checker.OutputsCompared, checker.Synopses, clock.Elapsed);
        }
    }

    /// <summary>Per page (repository-relative path): its problems and what was checked.</summary>
    public Dictionary<string, PageResult> Results { get; } = new(StringComparer.Ordinal);

    /// <summary>One page's outcome: problems, the leaf commands it documents, counts of commands parsed, run, outputs compared and synopses, and the time its check took.</summary>
    public sealed record PageResult(IReadOnlyList<string> Problems, IReadOnlySet<string> Documented, int Parsed, int Ran, int OutputsCompared, int Synopses, TimeSpan Elapsed);
}
