namespace Faas.TestSupport;

/// <summary>The repository's folders, found from the test binary's folder (the one holding Faas.Sim.sln).</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>scenarios/ (every scenario file runs in the tests).</summary>
    public static string Scenarios => Path.Combine(Root, "scenarios");

    private static string FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Faas.Sim.sln"))) return d.FullName;
        throw new InvalidOperationException("repository root (Faas.Sim.sln) not found above " + AppContext.BaseDirectory);
    }
}
