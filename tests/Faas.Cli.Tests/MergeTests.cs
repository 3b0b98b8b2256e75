using System.Text.Json.Nodes;

namespace Faas.Cli.Tests;

/// <summary>run --shard + merge give the bytes of one local run; merge refuses bad shard sets with exit 2.</summary>
public class MergeTests
{
    private static void Shards(ShardHarness h, string scenario, int n, string root, params string[] extra)
    {
        for (int i = 0; i < n; i++)
        {
            var r = ShardHarness.Cli(["sweep", scenario, "--shard", $"{i}/{n}", "--out", Path.Combine(root, i.ToString()), "-j", "2", .. extra]);
            Assert.True(r.Exit == 0, r.Err);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    public void Merged_plain_run_is_byte_identical_to_a_local_run(int n)
    {
        using var h = new ShardHarness();
        string s = h.Write("plain.yaml", ShardHarness.Plain);
        Assert.Equal(0, ShardHarness.Cli("run", s, "--out", h.Sub("local"), "-j", "2").Exit);
        Shards(h, s, n, h.Sub("shards"));
        var m = ShardHarness.Cli("merge", h.Sub("shards"), "--out", h.Sub("merged"), "--no-charts");
        Assert.True(m.Exit == 0, m.Err);
        ShardHarness.AssertSameBytes(h.Sub("local"), h.Sub("merged"), ShardHarness.PlainFiles);
        Assert.False(File.Exists(h.Sub("merged", "PARTIAL.txt")));
    }

    [Fact]
    public void Merged_sweep_is_byte_identical_and_its_manifest_differs_only_in_provenance()
    {
        using var h = new ShardHarness();
        string s = h.Write("sweep.yaml", ShardHarness.Sweep);
        Assert.Equal(0, ShardHarness.Cli("run", s, "--out", h.Sub("local"), "-j", "1").Exit);
        Shards(h, s, 5, h.Sub("shards"));
        // shard folders named one by one, in any order
        var m = ShardHarness.Cli("merge", h.Sub("shards", "3"), h.Sub("shards", "0"), h.Sub("shards", "4"), h.Sub("shards", "1"), h.Sub("shards", "2"), "--out", h.Sub("merged"));
        Assert.True(m.Exit == 0, m.Err);
        ShardHarness.AssertSameBytes(h.Sub("local"), h.Sub("merged"), ShardHarness.SweepFiles);
        Assert.True(Directory.GetFiles(h.Sub("merged", "charts"), "*.png").Length > 0);

        var a = JsonNode.Parse(File.ReadAllText(h.Sub("local", "manifest.json")))!.AsObject();
        var b = JsonNode.Parse(File.ReadAllText(h.Sub("merged", "manifest.json")))!.AsObject();
        a.Remove("provenance");
        b.Remove("provenance");
        Assert.Equal(a.ToJsonString(), b.ToJsonString());

        var rerun = ShardHarness.Cli("rerun", h.Sub("merged"), "--out", h.Sub("rerun"), "-j", "2");
        Assert.True(rerun.Exit == 0, rerun.Out + rerun.Err);
    }

    [Fact]
    public void Merge_refuses_missing_duplicate_and_mismatched_shards_with_exit_2()
    {
        using var h = new ShardHarness();
        string s = h.Write("sweep.yaml", ShardHarness.Sweep);
        Shards(h, s, 3, h.Sub("shards"));

        var missing = ShardHarness.Cli("merge", h.Sub("shards", "0"), h.Sub("shards", "2"), "--out", h.Sub("m1"));
        Assert.Equal(2, missing.Exit);
        Assert.Contains("missing shard(s) 1/3", missing.Err);
        Assert.False(File.Exists(h.Sub("m1", "summary.csv")));

        var dup = ShardHarness.Cli("merge", h.Sub("shards"), h.Sub("shards", "1"), "--out", h.Sub("m2"));
        Assert.Equal(2, dup.Exit);
        Assert.Contains("shard 1/3 given twice", dup.Err);

        string other = h.Write("other.yaml", ShardHarness.Sweep.Replace("seed: 7", "seed: 8"));
        Assert.Equal(0, ShardHarness.Cli("sweep", other, "--shard", "1/3", "--out", h.Sub("other", "1")).Exit);
        var mixed = ShardHarness.Cli("merge", h.Sub("shards", "0"), h.Sub("other", "1"), h.Sub("shards", "2"), "--out", h.Sub("m3"));
        Assert.Equal(2, mixed.Exit);
        Assert.Contains("different scenario versions", mixed.Err);

        Assert.Equal(0, ShardHarness.Cli("sweep", s, "--shard", "1/4", "--out", h.Sub("four", "1")).Exit);
        var count = ShardHarness.Cli("merge", h.Sub("shards", "0"), h.Sub("four", "1"), h.Sub("shards", "2"), "--out", h.Sub("m4"));
        Assert.Equal(2, count.Exit);
        Assert.Contains("does not fit", count.Err);

        Assert.Equal(0, ShardHarness.Cli("sweep", s, "--shard", "1/3", "-r", "3", "--out", h.Sub("reps", "1")).Exit);
        var opts = ShardHarness.Cli("merge", h.Sub("shards", "0"), h.Sub("reps", "1"), h.Sub("shards", "2"), "--out", h.Sub("m5"));
        Assert.Equal(2, opts.Exit);
        Assert.Contains("run options", opts.Err);

        Directory.CreateDirectory(h.Sub("empty"));
        var none = ShardHarness.Cli("merge", h.Sub("empty"), "--out", h.Sub("m6"));
        Assert.Equal(2, none.Exit);
    }

    [Fact]
    public void Partial_merge_writes_what_is_there_and_marks_manifest_and_report()
    {
        using var h = new ShardHarness();
        string s = h.Write("sweep.yaml", ShardHarness.Sweep);
        Shards(h, s, 3, h.Sub("shards"));
        Directory.Delete(h.Sub("shards", "1"), true);

        var m = ShardHarness.Cli("merge", h.Sub("shards"), "--out", h.Sub("res", "partial"), "--partial", "--no-charts");
        Assert.True(m.Exit == 0, m.Err);
        Assert.Contains("PARTIAL", m.Err);
        Assert.True(File.Exists(h.Sub("res", "partial", "PARTIAL.txt")));
        var manifest = JsonNode.Parse(File.ReadAllText(h.Sub("res", "partial", "manifest.json")))!;
        Assert.Equal(1, (int)manifest["partial"]!["missing_shards"]![0]!);
        Assert.Equal(16, (int)manifest["partial"]!["runs_merged"]!);
        Assert.Equal(17, File.ReadAllLines(h.Sub("res", "partial", "summary.csv")).Length); // header + 16 runs

        var report = ShardHarness.Cli("report", h.Sub("res"));
        Assert.True(report.Exit == 0, report.Err);
        Assert.Contains("PARTIAL RESULT", File.ReadAllText(h.Sub("res", "REPORT.md")));
    }
}
