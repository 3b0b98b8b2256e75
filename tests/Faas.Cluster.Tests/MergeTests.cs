using System.Text.Json.Nodes;

namespace Faas.Cluster.Tests;

/// <summary>run --shard + merge give the bytes of one local run; merge refuses bad shard sets with exit 2.</summary>
public class MergeTests
{
    private static void Shards(Harness h, string scenario, int n, string root, params string[] extra)
    {
        for (int i = 0; i < n; i++)
        {
            var r = Harness.Cli(["sweep", scenario, "--shard", $"{i}/{n}", "--out", Path.Combine(root, i.ToString()), "-j", "2", .. extra]);
            Assert.True(r.Exit == 0, r.Err);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    public void Merged_plain_run_is_byte_identical_to_a_local_run(int n)
    {
        using var h = new Harness();
        string s = h.Write("plain.yaml", Harness.Plain);
        Assert.Equal(0, Harness.Cli("run", s, "--out", h.Path("local"), "-j", "2").Exit);
        Shards(h, s, n, h.Path("shards"));
        var m = Harness.Cli("merge", h.Path("shards"), "--out", h.Path("merged"), "--no-charts");
        Assert.True(m.Exit == 0, m.Err);
        Harness.AssertSameBytes(h.Path("local"), h.Path("merged"), Harness.PlainFiles);
        Assert.False(File.Exists(h.Path("merged", "PARTIAL.txt")));
    }

    [Fact]
    public void Merged_sweep_is_byte_identical_and_its_manifest_differs_only_in_provenance()
    {
        using var h = new Harness();
        string s = h.Write("sweep.yaml", Harness.Sweep);
        Assert.Equal(0, Harness.Cli("run", s, "--out", h.Path("local"), "-j", "1").Exit);
        Shards(h, s, 5, h.Path("shards"));
        // shard folders named one by one, in any order
        var m = Harness.Cli("merge", h.Path("shards", "3"), h.Path("shards", "0"), h.Path("shards", "4"), h.Path("shards", "1"), h.Path("shards", "2"), "--out", h.Path("merged"));
        Assert.True(m.Exit == 0, m.Err);
        Harness.AssertSameBytes(h.Path("local"), h.Path("merged"), Harness.SweepFiles);
        Assert.True(Directory.GetFiles(h.Path("merged", "charts"), "*.png").Length > 0);

        var a = JsonNode.Parse(File.ReadAllText(h.Path("local", "manifest.json")))!.AsObject();
        var b = JsonNode.Parse(File.ReadAllText(h.Path("merged", "manifest.json")))!.AsObject();
        a.Remove("provenance");
        b.Remove("provenance");
        Assert.Equal(a.ToJsonString(), b.ToJsonString());

        var rerun = Harness.Cli("rerun", h.Path("merged"), "--out", h.Path("rerun"), "-j", "2");
        Assert.True(rerun.Exit == 0, rerun.Out + rerun.Err);
    }

    [Fact]
    public void Merge_refuses_missing_duplicate_and_mismatched_shards_with_exit_2()
    {
        using var h = new Harness();
        string s = h.Write("sweep.yaml", Harness.Sweep);
        Shards(h, s, 3, h.Path("shards"));

        var missing = Harness.Cli("merge", h.Path("shards", "0"), h.Path("shards", "2"), "--out", h.Path("m1"));
        Assert.Equal(2, missing.Exit);
        Assert.Contains("missing shard(s) 1/3", missing.Err);
        Assert.False(File.Exists(h.Path("m1", "summary.csv")));

        var dup = Harness.Cli("merge", h.Path("shards"), h.Path("shards", "1"), "--out", h.Path("m2"));
        Assert.Equal(2, dup.Exit);
        Assert.Contains("shard 1/3 given twice", dup.Err);

        string other = h.Write("other.yaml", Harness.Sweep.Replace("seed: 7", "seed: 8"));
        Assert.Equal(0, Harness.Cli("sweep", other, "--shard", "1/3", "--out", h.Path("other", "1")).Exit);
        var mixed = Harness.Cli("merge", h.Path("shards", "0"), h.Path("other", "1"), h.Path("shards", "2"), "--out", h.Path("m3"));
        Assert.Equal(2, mixed.Exit);
        Assert.Contains("different scenario versions", mixed.Err);

        Assert.Equal(0, Harness.Cli("sweep", s, "--shard", "1/4", "--out", h.Path("four", "1")).Exit);
        var count = Harness.Cli("merge", h.Path("shards", "0"), h.Path("four", "1"), h.Path("shards", "2"), "--out", h.Path("m4"));
        Assert.Equal(2, count.Exit);
        Assert.Contains("does not fit", count.Err);

        Assert.Equal(0, Harness.Cli("sweep", s, "--shard", "1/3", "-r", "3", "--out", h.Path("reps", "1")).Exit);
        var opts = Harness.Cli("merge", h.Path("shards", "0"), h.Path("reps", "1"), h.Path("shards", "2"), "--out", h.Path("m5"));
        Assert.Equal(2, opts.Exit);
        Assert.Contains("run options", opts.Err);

        Directory.CreateDirectory(h.Path("empty"));
        var none = Harness.Cli("merge", h.Path("empty"), "--out", h.Path("m6"));
        Assert.Equal(2, none.Exit);
    }

    [Fact]
    public void Partial_merge_writes_what_is_there_and_marks_manifest_and_report()
    {
        using var h = new Harness();
        string s = h.Write("sweep.yaml", Harness.Sweep);
        Shards(h, s, 3, h.Path("shards"));
        Directory.Delete(h.Path("shards", "1"), true);

        var m = Harness.Cli("merge", h.Path("shards"), "--out", h.Path("res", "partial"), "--partial", "--no-charts");
        Assert.True(m.Exit == 0, m.Err);
        Assert.Contains("PARTIAL", m.Err);
        Assert.True(File.Exists(h.Path("res", "partial", "PARTIAL.txt")));
        var manifest = JsonNode.Parse(File.ReadAllText(h.Path("res", "partial", "manifest.json")))!;
        Assert.Equal(1, (int)manifest["partial"]!["missing_shards"]![0]!);
        Assert.Equal(16, (int)manifest["partial"]!["runs_merged"]!);
        Assert.Equal(17, File.ReadAllLines(h.Path("res", "partial", "summary.csv")).Length); // header + 16 runs

        var report = Harness.Cli("report", h.Path("res"));
        Assert.True(report.Exit == 0, report.Err);
        Assert.Contains("PARTIAL RESULT", File.ReadAllText(h.Path("res", "REPORT.md")));
    }
}
