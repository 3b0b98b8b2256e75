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
        foreach (var m in new[] { "cold-only", "keep-alive", "prewarm-pool", "fixed-pool" }) Assert.Contains(m, output);
    }

    [Fact]
    public void HelpDescribesTheCommands()
    {
        using var cli = new CliHarness();
        var (exit, output, _) = cli.Run("--help");
        Assert.Equal(0, exit);
        Assert.Contains("run", output);
        Assert.Contains("validate", output);
    }
}
