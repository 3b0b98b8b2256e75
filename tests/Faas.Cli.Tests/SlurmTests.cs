using System.Diagnostics;
using Faas.Cli.Commands;
using Faas.Experiments.Slurm;

namespace Faas.Cli.Tests;

/// <summary>
/// Against the real one-node Slurm cluster (scripts/slurm-up.sh, started by scripts/test.sh).
/// Not skipped when the cluster is down: they fail, saying how to start it.
/// </summary>
public class SlurmTests
{
    private static void RequireCluster()
    {
        (int Exit, string Out, string Err) ping;
        try
        {
            ping = SlurmClient.Exec("scontrol", "ping");
        }
        catch (Exception e)
        {
            Assert.Fail($"Slurm is not installed or not on PATH ({e.Message}); run scripts/slurm-up.sh (scripts/test.sh does it unless FAAS_SKIP_SLURM=1)");
            return;
        }
        Assert.True(ping.Exit == 0 && ping.Out.Contains("is UP"), $"the Slurm cluster is not up ({ping.Out.Trim()} {ping.Err.Trim()}); run scripts/slurm-up.sh");
    }

    /// <summary>The built faas-sim.dll the jobs run (the test folder's copy, with its runtimeconfig).</summary>
    private static string CliDll()
    {
        string dll = SlurmCommand.DefaultDll();
        Assert.True(File.Exists(Path.ChangeExtension(dll, ".runtimeconfig.json")), $"no runtimeconfig next to {dll}");
        return dll;
    }

    private static (string Array, string Merge) DryRun(ShardHarness h, string scenario, params string[] extra)
    {
        var r = ShardHarness.Cli(["slurm", "submit", scenario, "--shards", "4", "--out", h.Sub("cluster"), "--dry-run", "--cli", CliDll(), .. extra]);
        Assert.True(r.Exit == 0, r.Err);
        int at = r.Out.IndexOf("# " + h.Sub("cluster", "slurm", "merge.sbatch"), StringComparison.Ordinal);
        string array = r.Out[..at];
        string merge = r.Out[at..r.Out.IndexOf("# would run", StringComparison.Ordinal)];
        return (string.Join('\n', array.Split('\n').Skip(1)), string.Join('\n', merge.Split('\n').Skip(1)));
    }

    [Fact]
    public void Dry_run_prints_valid_sbatch_scripts()
    {
        RequireCluster();
        using var h = new ShardHarness();
        string s = h.Write("sweep.yaml", ShardHarness.Sweep);
        var (array, merge) = DryRun(h, s, "--time", "10:00", "--partition", "debug");
        Assert.Contains("#SBATCH --array=0-3", array);
        Assert.Contains("#SBATCH --time=10:00", array);
        Assert.Contains("#SBATCH --partition=debug", array);
        Assert.Contains($"--shard \"${{SLURM_ARRAY_TASK_ID}}/4\"", array);
        Assert.Contains(CliDll(), array);
        Assert.Contains(" merge ", merge);
        Assert.False(Directory.Exists(h.Sub("cluster")), "--dry-run must not write anything");

        foreach (var (name, text) in new[] { ("a.sbatch", array), ("m.sbatch", merge) })
        {
            string path = h.Write(name, text);
            var t = SlurmClient.Exec("sbatch", "--test-only", path);
            Assert.True(t.Exit == 0 && t.Err.Contains("to start at"), $"sbatch --test-only {name}: exit {t.Exit}: {t.Err}\n{text}");
        }
        // and the cluster rejects what it cannot run, so the check above means something
        var bad = SlurmClient.Exec("sbatch", "--test-only", "--cpus-per-task=64", h.Write("b.sbatch", array));
        Assert.NotEqual(0, bad.Exit);
    }

    [Fact]
    public void Sweep_as_a_4_shard_array_merges_byte_identical_to_a_local_run()
    {
        RequireCluster();
        using var h = new ShardHarness();
        string s = h.Write("sweep.yaml", ShardHarness.Sweep);
        Assert.Equal(0, ShardHarness.Cli("run", s, "--out", h.Sub("local"), "-j", "2").Exit);

        string root = h.Sub("cluster");
        var sub = ShardHarness.Cli("slurm", "submit", s, "--shards", "4", "--out", root, "--time", "5:00", "--cli", CliDll(), "--no-charts");
        Assert.True(sub.Exit == 0, sub.Err);
        Assert.Contains("array job", sub.Out);
        var jobs = SlurmJobs.Load(root);
        try
        {
            var sw = Stopwatch.StartNew();
            (int Exit, string Out, string Err) st;
            while (true)
            {
                st = ShardHarness.Cli("slurm", "status", root);
                if (st.Exit != 3 || sw.Elapsed > TimeSpan.FromMinutes(2.5)) break;
                Thread.Sleep(1000);
            }
            string logs = string.Join("\n", Directory.GetFiles(Path.Combine(root, "slurm", "logs")).Select(f => $"--- {f}\n{File.ReadAllText(f)}"));
            Assert.True(st.Exit == 0, $"slurm status exit {st.Exit} after {sw.Elapsed}:\n{st.Out}{st.Err}\n{logs}");
            Assert.Contains("4 done, 0 pending/running, 0 failed of 4", st.Out);
            ShardHarness.AssertSameBytes(h.Sub("local"), Path.Combine(root, "result"), ShardHarness.SweepFiles);
        }
        finally
        {
            SlurmClient.Exec("scancel", [.. jobs.Submissions.Select(x => x.JobId)]);
        }
    }

    [Fact]
    public void A_failed_shard_shows_as_failed_and_resubmit_completes_the_sweep()
    {
        RequireCluster();
        using var h = new ShardHarness();
        string s = h.Write("sweep.yaml", ShardHarness.Sweep);
        string root = h.Sub("cluster");
        // shard 1's folder is a file: that task fails, the merge job is cancelled (afterok)
        Directory.CreateDirectory(Path.Combine(root, "shards"));
        File.WriteAllText(Path.Combine(root, "shards", "1"), "in the way");
        var sub = ShardHarness.Cli("slurm", "submit", s, "--shards", "2", "--out", root, "--cli", CliDll(), "--no-charts");
        Assert.True(sub.Exit == 0, sub.Err);
        try
        {
            var st = WaitStatus(root);
            Assert.True(st.Exit == 1, st.Out + st.Err);
            Assert.Contains("shard 0/2: done", st.Out);
            Assert.Contains("shard 1/2: FAILED", st.Out);

            File.Delete(Path.Combine(root, "shards", "1"));
            var re = ShardHarness.Cli("slurm", "resubmit", root, "--shard", "1");
            Assert.True(re.Exit == 0, re.Err);
            st = WaitStatus(root);
            Assert.True(st.Exit == 0, st.Out + st.Err);
            Assert.Contains("2 done", st.Out);
            Assert.Equal(0, ShardHarness.Cli("run", s, "--out", h.Sub("local"), "-j", "2").Exit);
            ShardHarness.AssertSameBytes(h.Sub("local"), Path.Combine(root, "result"), ShardHarness.SweepFiles);
        }
        finally
        {
            SlurmClient.Exec("scancel", [.. SlurmJobs.Load(root).Submissions.Select(x => x.JobId)]);
        }
    }

    private static (int Exit, string Out, string Err) WaitStatus(string root)
    {
        var sw = Stopwatch.StartNew();
        while (true)
        {
            var st = ShardHarness.Cli("slurm", "status", root);
            if (st.Exit != 3 || sw.Elapsed > TimeSpan.FromMinutes(1.5)) return st;
            Thread.Sleep(1000);
        }
    }
}
