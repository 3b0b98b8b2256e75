namespace Faas.Architecture.Tests;

/// <summary>
/// tests/ mirrors src/ one to one: a Faas.X.Tests per src project Faas.X (the real-engine tests of
/// Faas.X in Faas.X.IntegrationTests), one shared Faas.TestSupport and these architecture tests;
/// tests of a layer do not go through the command line.
/// </summary>
public class TestLayoutTests
{
    private const string Support = "Faas.TestSupport";
    private const string Architecture = "Faas.Architecture.Tests";

    private static IReadOnlyDictionary<string, IReadOnlyList<string>> Src => LayerGraph.Read(Path.Combine(Repository.Root(), "src"));
    private static IReadOnlyDictionary<string, IReadOnlyList<string>> Tests => LayerGraph.Read(Path.Combine(Repository.Root(), "tests"));

    /// <summary>The src project a test project mirrors, or null for the support and architecture projects.</summary>
    private static string? Mirrored(string testProject) =>
        testProject.EndsWith(".IntegrationTests", StringComparison.Ordinal) ? testProject[..^".IntegrationTests".Length]
        : testProject.EndsWith(".Tests", StringComparison.Ordinal) && testProject != Architecture ? testProject[..^".Tests".Length]
        : null;

    [Fact]
    public void EverySrcProjectHasItsTestProject()
    {
        var missing = Src.Keys.Where(p => !Tests.ContainsKey(p + ".Tests")).ToList();
        Assert.True(missing.Count == 0, "src projects without tests/<name>.Tests: " + string.Join(", ", missing));
    }

    [Fact]
    public void EveryTestProjectMirrorsOneSrcProjectAndReferencesIt()
    {
        var problems = new List<string>();
        foreach (var (test, refs) in Tests)
        {
            if (test is Support or Architecture) continue;
            string? mirrored = Mirrored(test);
            if (mirrored is null || !Src.ContainsKey(mirrored))
                problems.Add($"{test} mirrors no src project (name it Faas.X.Tests or Faas.X.IntegrationTests for a src project Faas.X)");
            else if (!refs.Contains(mirrored))
                problems.Add($"{test} does not reference {mirrored}, the project it tests");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void OnlyTheCliTestsGoThroughTheCommandLine()
    {
        var tests = Tests;
        var through = tests.Where(t => t.Value.Contains("Faas.Cli") && t.Key != "Faas.Cli.Tests" && !t.Key.EndsWith(".IntegrationTests", StringComparison.Ordinal)).Select(t => t.Key).ToList();
        Assert.True(through.Count == 0, "test projects that reference Faas.Cli: " + string.Join(", ", through));
        Assert.DoesNotContain("Faas.Cli", tests[Support]); // or every project using the support would go through it
        Assert.DoesNotContain("Faas.Cli", tests["Faas.Backends.Docker.Tests"]);
    }

    [Fact]
    public void TheSharedSupportAndTheArchitectureTestsAreThere()
    {
        Assert.Contains(Support, Tests.Keys);
        Assert.Contains(Architecture, Tests.Keys);
        Assert.Empty(Tests[Architecture]); // it reads files; it tests no project by referencing it
    }

    [Theory]
    [InlineData("Faas.Policies.Tests")] // a test project named for no src project
    [InlineData("Faas.Cluster.Tests")]
    public void AProjectNamedForNoSrcProjectIsFound(string name) => Assert.False(Mirrored(name) is { } m && Src.ContainsKey(m));
}
