namespace Faas.Architecture.Tests;

/// <summary>Where the repository's sources are, found from the test binary's folder.</summary>
public static class Repository
{
    /// <summary>The folder holding Faas.Sim.sln.</summary>
    public static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Faas.Sim.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root (Faas.Sim.sln) not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The C# sources of project folder <paramref name="dir"/>, without build output.</summary>
    public static IReadOnlyList<string> SourceFiles(string dir) =>
        Directory.GetFiles(dir, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Order(StringComparer.Ordinal)
            .ToList();
}
