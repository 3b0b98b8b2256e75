namespace Faas.Backends.Sim.Tests;

/// <summary>The repository root, found from the test binary's folder.</summary>
public static class RepoPaths
{
    public static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Faas.Sim.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root (Faas.Sim.sln) not found above " + AppContext.BaseDirectory);
    }
}
