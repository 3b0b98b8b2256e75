using System.Text.RegularExpressions;

namespace Faas.Architecture.Tests;

/// <summary>
/// DESIGN.md principles 2–3: the engine, workloads, policies, scenarios, result files and the
/// simulator driver never read the wall clock, sleep, or draw from unseeded randomness (same
/// scenario + seed, same bytes). This test scans their sources.
/// </summary>
public class SourceRulesTests
{
    private static readonly string[] DeterministicProjects = ["Faas.Engine", "Faas.Workloads", "Faas.Platform", "Faas.Scenarios", "Faas.Results", "Faas.Backends.Sim"];

    private static readonly (string Name, Regex Pattern)[] Forbidden =
    [
        ("wall clock (DateTime.Now/UtcNow)", new(@"\bDateTime(Offset)?\s*\.\s*(Now|UtcNow|Today)\b")),
        ("wall clock (Stopwatch)", new(@"\bStopwatch\b")),
        ("wall clock (Environment.TickCount)", new(@"\bEnvironment\s*\.\s*TickCount")),
        ("wall clock (TimeProvider.System)", new(@"\bTimeProvider\s*\.\s*System\b")),
        ("Random.Shared", new(@"\bRandom\s*\.\s*Shared\b")),
        ("unseeded new Random()", new(@"new\s+(System\.)?Random\s*\(\s*\)")),
        ("Guid.NewGuid", new(@"\bGuid\s*\.\s*NewGuid\b")),
        ("Task.Delay", new(@"\bTask\s*\.\s*Delay\b")),
        ("Thread.Sleep", new(@"\bThread\s*\.\s*Sleep\b")),
    ];

    public static IEnumerable<object[]> Projects() => DeterministicProjects.Select(p => new object[] { p });

    [Theory]
    [MemberData(nameof(Projects))]
    public void DeterministicLayersUseNoClockSleepOrUnseededRandomness(string project)
    {
        var files = Repository.SourceFiles(Path.Combine(Repository.Root(), "src", project));
        Assert.NotEmpty(files);
        var violations = new List<string>();
        foreach (var f in files)
        {
            var lines = File.ReadAllLines(f);
            for (int i = 0; i < lines.Length; i++)
            {
                string code = StripComment(lines[i]);
                foreach (var (name, pattern) in Forbidden)
                    if (pattern.IsMatch(code)) violations.Add($"{Path.GetRelativePath(Repository.Root(), f)}:{i + 1}: {name}");
            }
        }
        Assert.True(violations.Count == 0, "forbidden in deterministic code:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void TheScanCatchesAViolation()
    {
        string code = "var t = DateTime.UtcNow; var r = new Random(); Thread.Sleep(1);";
        Assert.Equal(3, Forbidden.Count(f => f.Pattern.IsMatch(code)));
    }

    private static string StripComment(string line)
    {
        int i = line.IndexOf("//", StringComparison.Ordinal);
        return i >= 0 ? line[..i] : line;
    }
}
