using Faas.TestSupport;

namespace Faas.Cli.Tests;

/// <summary>The fidelity commands refuse what this machine cannot replay, before touching Docker (exit 2, nothing written).</summary>
public sealed class FidelityCommandsTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Replay_refuses_a_scenario_the_machine_cannot_run()
    {
        string file = _cli.Write("big.yaml", FidelityFixtures.Scenario.Replace("rate: 0.6", "rate: 500"));
        var r = _cli.Run("replay", file, "--backend", "docker", "--out", _cli.Sub("out"));
        Assert.Equal(2, r.Exit);
        Assert.Contains("cannot be replayed on this machine", r.Err);
        Assert.Contains("calls/s", r.Err);
        Assert.Contains("starts a container per call", r.Err);
        Assert.False(Directory.Exists(_cli.Sub("out")));
    }

    [Theory]
    [InlineData("0", "5", "between 1 and 20")]
    [InlineData("21", "30", "between 1 and 20")]
    [InlineData("3", "2", "must not exceed --replications")]
    public void Validate_real_refuses_a_bad_real_replication_count(string real, string sim, string message)
    {
        string file = _cli.Write("s.yaml", FidelityFixtures.Scenario);
        string outDir = _cli.Sub("out");
        var r = _cli.Run("validate-real", file, "--out", outDir, "--real-replications", real, "--replications", sim);
        Assert.Equal(2, r.Exit);
        Assert.Contains("--real-replications", r.Err);
        Assert.Contains(message, r.Err);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void Validate_real_help_describes_real_replications()
    {
        var r = _cli.Run("validate-real", "--help");
        Assert.Equal(0, r.Exit);
        Assert.Contains("--real-replications", r.Out);
        Assert.Contains("paired", r.Out);
    }
}
