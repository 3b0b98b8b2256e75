using System.CommandLine;
using Xunit.Abstractions;

namespace Faas.Cli.Tests.Docs;

/// <summary>
/// The documentation cannot drift from the CLI: every <c>faas-sim</c> command of README.md,
/// docs/*.md and the folder READMEs parses against the real command tree, the simulation ones run
/// (capped to seconds, see <see cref="DocCommandChecker.Caps"/>) and, in a <c>console</c>
/// transcript, print what the page shows; every synopsis names real options; every relative link
/// resolves. The marker convention for authors is on <see cref="DocCommandChecker"/> and in
/// README.md, "Writing these pages".
/// </summary>
public sealed class DocsCommandsTests(DocsCheckRun run, ITestOutputHelper log) : IClassFixture<DocsCheckRun>
{
    public static TheoryData<string> Pages() => DocPages.Pages();

    [Theory]
    [MemberData(nameof(Pages))]
    public void EveryCommandOfThePageParsesAndTheSimulationCommandsRun(string page)
    {
        var r = run.Results[page];
        log.WriteLine($"{page}: {r.Parsed} commands parsed, {r.Ran} run, {r.OutputsCompared} outputs compared, {r.Synopses} synopses checked in {r.Elapsed.TotalSeconds:0.0} s");
        Assert.True(r.Problems.Count == 0, string.Join("\n", r.Problems));
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void EveryRelativeLinkOfThePageResolves(string page)
    {
        var problems = DocLinkChecker.Check(Path.Combine(DocPages.RepoRoot, page), DocPages.RepoRoot, DocPages.AllowedMissingLinks);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void EveryCommandOfTheCliIsDocumentedSomewhere()
    {
        var documented = run.Results.Values.SelectMany(r => r.Documented).ToHashSet(StringComparer.Ordinal);
        var missing = Leaves(CliApp.Build(TextWriter.Null, TextWriter.Null), "").Where(l => !documented.Contains(l)).ToList();
        Assert.True(missing.Count == 0, "no page shows: faas-sim " + string.Join(", faas-sim ", missing));
    }

    [Fact]
    public void TheReadmeExampleRunsAndPrintsWhatTheReadmeShows()
    {
        var r = run.Results["README.md"];
        Assert.True(r.Ran >= 2, $"README: only {r.Ran} commands ran");
        Assert.True(r.OutputsCompared >= 2, $"README: only {r.OutputsCompared} outputs compared (the example's run and head)");
    }

    [Fact]
    public void TheReadmeStaysAFrontPageWithTheTwoSetUpCommands()
    {
        string[] lines = File.ReadAllLines(Path.Combine(DocPages.RepoRoot, "README.md"));
        Assert.True(lines.Length <= 200, $"README.md has {lines.Length} lines; move detail to a docs/ page");
        var doc = MarkdownDoc.Parse(string.Join('\n', lines));
        var firstScript = doc.Blocks.First(b => b.Info == "sh");
        var words = firstScript.Lines.SelectMany(l => ShellWords.Commands(l.Text)).Select(c => c[0]).ToList();
        Assert.Equal(["./run-experiments.sh", "./scripts/test.sh"], words.Take(2));
    }

    /// <summary>Pages with one planted mistake each, and a word the problem must contain.</summary>
    public static TheoryData<string, string> PlantedMistakes() => new()
    {
        { "```sh\nfaas-sim run scenarios/single-hot-function.yaml --ouput results/x\n```\n", "--ouput" },
        { "```sh\nfaas-sim serve --polcy keep-alive &\n```\n", "--polcy" },
        { "```sh\nfaas-sim slurm submit scenarios/crossover-map.yaml --shard 4\n```\n", "--shard" },
        { "```sh\nfaas-sim simulate scenarios/single-hot-function.yaml\n```\n", "simulate" },
        { "```console\n$ faas-sim invoke hello --arg '{}'\n```\n", "--arg" },
        { "Run `faas-sim bench --trace-scale --trace-modle YAML` for the day.\n", "--trace-modle" },
        { "| `faas-sim run <scenario> --out DIR [--replication N]` | runs |\n", "--replication" },
        { "`faas-sim slurm sumbit <scenario>`\n", "sumbit" },
        { "```sh\nfaas-sim run scenarios/no-such-scenario.yaml --out results/x\n```\n", "exit 2" },
        { "```console\n$ faas-sim validate scenarios/single-hot-function.yaml\nsingle-hot-function.yaml: ok, but not what it prints\n```\n", "not what the command prints" },
        { "```\n$ faas-sim models\n```\n", "not marked ```console" },
        { "```sh\nscripts/no-such-script.sh --quick\n```\n", "no file scripts/no-such-script.sh" },
    };

    [Theory]
    [MemberData(nameof(PlantedMistakes))]
    public void APlantedMistakeFailsTheCheck(string page, string expect)
    {
        using var checker = new DocCommandChecker(DocPages.RepoRoot);
        checker.CheckPage(page, "planted.md");
        var problem = Assert.Single(checker.Problems);
        Assert.Contains(expect, problem);
    }

    [Fact]
    public void TheSamePagesWithoutTheMistakesPass()
    {
        const string page = """
            ```sh
            faas-sim run scenarios/single-hot-function.yaml --out results/x
            faas-sim serve --policy keep-alive &
            faas-sim slurm submit scenarios/crossover-map.yaml --shards 4 --dry-run
            ```
            ```console
            $ faas-sim invoke hello --args '{}'
            $ faas-sim validate scenarios/single-hot-function.yaml
            ...
            ```
            Run `faas-sim bench --trace-scale --trace-model YAML` for the day, `faas-sim slurm submit <scenario>`.
            | `faas-sim run <scenario> --out DIR [--replications N]` | runs |
            ```text
            faas-sim models prints this without a prompt
            ```
            """;
        using var checker = new DocCommandChecker(DocPages.RepoRoot);
        checker.CheckPage(page, "fixed.md");
        Assert.True(checker.Problems.Count == 0, string.Join("\n", checker.Problems));
        Assert.Equal(5, checker.Parsed);
        Assert.Equal(3, checker.Ran); // run, slurm submit --dry-run, validate; serve and invoke are parsed only
    }

    [Fact]
    public void TheReadmeWithARenamedOptionFailsTheCheck()
    {
        string readme = File.ReadAllText(Path.Combine(DocPages.RepoRoot, "README.md"));
        Assert.Contains(" --out ", readme);
        using var checker = new DocCommandChecker(DocPages.RepoRoot);
        checker.CheckPage(readme.Replace(" --out ", " --output "), "README.md (planted)");
        Assert.Contains(checker.Problems, p => p.Contains("--output"));
    }

    [Fact]
    public void APlantedBrokenLinkOrAnchorFailsAndTheAllowedMissingPageDoesNot()
    {
        string dir = Directory.CreateTempSubdirectory("faas-docs-links-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "docs"));
            File.WriteAllText(Path.Combine(dir, "docs", "other.md"), "# Other page\n\n## The `cluster` key\n");
            string page = Path.Combine(dir, "docs", "page.md");
            File.WriteAllText(page, """
                # Page
                [ok](other.md) [ok anchor](other.md#the-cluster-key) [self](#page) [web](https://example.org/x)
                [not yet](architecture.md)
                [missing](missing.md) [bad anchor](other.md#no-such-heading) [outside](../../elsewhere.md)
                `[in code](missing-too.md)`
                """);
            var problems = DocLinkChecker.Check(page, dir, new HashSet<string> { "docs/architecture.md" });
            Assert.Equal(3, problems.Count);
            Assert.Contains(problems, p => p.Contains("missing.md"));
            Assert.Contains(problems, p => p.Contains("#no-such-heading"));
            Assert.Contains(problems, p => p.Contains("elsewhere.md"));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private static IEnumerable<string> Leaves(Command cmd, string path)
    {
        if (cmd.Subcommands.Count == 0) yield return path;
        foreach (var sub in cmd.Subcommands)
            foreach (string leaf in Leaves(sub, path.Length == 0 ? sub.Name : path + " " + sub.Name))
                yield return leaf;
    }
}
