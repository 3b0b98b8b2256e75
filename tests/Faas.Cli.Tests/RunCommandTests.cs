namespace Faas.Cli.Tests;

public class RunCommandTests
{
    [Fact]
    public void RunWritesTheThreeCsvsWithTheDocumentedHeaders()
    {
        using var cli = new CliHarness();
        string outDir = Path.Combine(cli.Dir, "out");
        var (exit, output, err) = cli.Run("run", cli.Write("ok.yaml", BadInputTests.Valid), "--out", outDir);
        Assert.True(exit == 0, err);
        Assert.Equal(
            "scenario,model,replication,invocation,function,runtime,arrival_s,start_type,queue_ms,startup_ms,init_ms,exec_ms,latency_ms,status",
            File.ReadLines(Path.Combine(outDir, "invocations.csv")).First());
        var summary = File.ReadAllLines(Path.Combine(outDir, "summary.csv"));
        Assert.StartsWith("scenario,model,replication,seed,invocations,cold,prewarm,warm,failed,dropped,p50_ms,p95_ms,p99_ms,mean_ms,idle_mem_gb_s,containers_created", summary[0]);
        Assert.Equal(1 + 2 * 2, summary.Length);                 // 2 models x 2 replications
        Assert.True(File.Exists(Path.Combine(outDir, "timeseries.csv")));
        Assert.Contains("keep-alive", output);                  // the result table
        Assert.Contains("prewarm-pool", output);
        Assert.Empty(Directory.GetDirectories(outDir));          // no staging left behind
    }

    [Fact]
    public void NoInvocationsSkipsThatFileOnly()
    {
        using var cli = new CliHarness();
        string outDir = Path.Combine(cli.Dir, "out");
        var (exit, _, err) = cli.Run("run", cli.Write("ok.yaml", BadInputTests.Valid), "--out", outDir, "--no-invocations", "--model", "keep-alive");
        Assert.True(exit == 0, err);
        Assert.False(File.Exists(Path.Combine(outDir, "invocations.csv")));
        Assert.Equal(1 + 2, File.ReadAllLines(Path.Combine(outDir, "summary.csv")).Length);
    }

    [Fact]
    public void ModelsListsTheCatalog()
    {
        using var cli = new CliHarness();
        var (exit, output, _) = cli.Run("models");
        Assert.Equal(0, exit);
        foreach (var m in new[] { "cold-only", "keep-alive", "prewarm-pool", "fixed-pool", "faascache", "hybrid-histogram", "openwhisk", "oracle" })
            Assert.Contains("\n" + m + "\n", "\n" + output);
        // generated from the option tables, the lines read as they always did
        Assert.Contains("    options: ttl (10m), ttl_from (end | start), when_full (queue | drop)\n", output);
        Assert.Contains("    options: window (5m), min (0), max (unlimited), headroom (2), startup_estimate (1s), buckets (10), scope (runtime | function), reuse (false)\n", output);
        Assert.Contains("    options: horizon (inf), max_idle (inf), scan (64), when_full (queue | drop)\n", output);
        Assert.Contains("cold-only\n    every call creates a container, removed after the call (latency upper bound)\n    options: (none)\n", output);
    }

    /// <summary>Every command of the CLI's contract, as the root help lists it (first word of its line in the Commands section).</summary>
    private static readonly string[] Commands =
    [
        "run", "validate", "models", "bench", "serve", "runtime", "function", "invoke", "pool", "docker-bench", "lambda-validation",
        "rerun", "plot", "report", "merge", "slurm", "replay", "calibrate", "validate-real",
    ];

    [Fact]
    public void HelpDescribesTheCommands()
    {
        using var cli = new CliHarness();
        var (exit, output, _) = cli.Run("--help");
        Assert.Equal(0, exit);
        var lines = output.Split('\n');
        int start = Array.FindIndex(lines, l => l.TrimEnd() == "Commands:");
        Assert.True(start >= 0, "no Commands section in:\n" + output);
        // a command line is indented by two spaces; its first word is the name, maybe with aliases (run, sweep) and an argument
        var listed = lines.Skip(start + 1).Where(l => l.StartsWith("  ", StringComparison.Ordinal) && !l.StartsWith("   ", StringComparison.Ordinal))
            .Select(l => (Name: l.Trim().Split([' ', ','], 2)[0], Description: l.Trim().Split("  ", 2, StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1)?.Trim() ?? ""))
            .ToList();
        Assert.Equal(Commands, listed.Select(c => c.Name));
        Assert.All(listed, c => Assert.True(c.Description.Length > 10, $"command '{c.Name}' has no description"));
    }

    [Fact]
    public void EachCommandAnswersItsHelp()
    {
        using var cli = new CliHarness();
        foreach (var c in Commands)
        {
            var (exit, output, err) = cli.Run(c, "--help");
            Assert.True(exit == 0, $"{c} --help: exit {exit}, {err}");
            Assert.Contains("Usage:", output);
        }
    }
}
