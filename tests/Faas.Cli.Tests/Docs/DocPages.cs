namespace Faas.Cli.Tests.Docs;

/// <summary>
/// The documentation pages whose commands and links are checked, and the one page that may be
/// linked before it exists on this branch.
/// </summary>
public sealed class DocPages
{
    /// <summary>
    /// docs/architecture.md is written on another branch; the link to it is allowed to dangle until
    /// both are merged (the merge removes this exception).
    /// </summary>
    public static readonly IReadOnlySet<string> AllowedMissingLinks = new HashSet<string>(StringComparer.Ordinal) { "docs/architecture.md" };

    /// <summary>The repository root: the folder above the test binaries that holds Faas.Sim.sln.</summary>
    public static string RepoRoot { get; } = FindRoot();

    /// <summary>README.md, every page of docs/, and the READMEs of scenarios/, results/ and runtimes/, repository-relative.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        "README.md",
        .. Directory.GetFiles(Path.Combine(RepoRoot, "docs"), "*.md").Select(p => "docs/" + Path.GetFileName(p)).Order(StringComparer.Ordinal),
        "scenarios/README.md",
        "results/README.md",
        "runtimes/README.md",
    ];

    public static TheoryData<string> Pages()
    {
        var data = new TheoryData<string>();
        foreach (string p in All) data.Add(p);
        return data;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Faas.Sim.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root (Faas.Sim.sln) not found above " + AppContext.BaseDirectory);
    }
}
