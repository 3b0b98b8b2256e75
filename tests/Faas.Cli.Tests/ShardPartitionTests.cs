using Faas.Experiments;

namespace Faas.Cli.Tests;

public class ShardPartitionTests
{
    [Fact]
    public void Every_run_is_in_exactly_one_shard_for_many_sizes()
    {
        for (int n = 1; n <= 17; n++)
            for (int size = 0; size <= 60; size++)
            {
                var seen = new int[size];
                int prevCount = int.MaxValue;
                for (int i = 0; i < n; i++)
                {
                    var idx = new ShardSpec(i, n).Indexes(size);
                    Assert.Equal(idx.Order().ToList(), idx); // ascending (plan order)
                    Assert.True(idx.Count <= prevCount && idx.Count >= size / n, $"unbalanced: n={n} size={size} shard {i} has {idx.Count}");
                    prevCount = idx.Count;
                    foreach (var k in idx) seen[k]++;
                }
                Assert.All(seen, c => Assert.Equal(1, c));
            }
    }

    [Fact]
    public void Round_robin_is_stable()
    {
        Assert.Equal([1, 5, 9], new ShardSpec(1, 4).Indexes(10));
        Assert.Empty(new ShardSpec(3, 4).Indexes(3));
    }

    [Theory]
    [InlineData("0/4", 0, 4)]
    [InlineData("3/4", 3, 4)]
    [InlineData("0/1", 0, 1)]
    public void Parses_i_of_n(string text, int i, int n) => Assert.Equal(new ShardSpec(i, n), ShardSpec.Parse(text));

    [Theory]
    [InlineData("4/4")]
    [InlineData("0/0")]
    [InlineData("-1/3")]
    [InlineData("1")]
    [InlineData("a/b")]
    public void Rejects_bad_shards(string text) => Assert.Throws<ShardInputException>(() => ShardSpec.Parse(text));

    [Fact]
    public void Bad_shard_on_the_command_line_exits_2()
    {
        using var h = new ShardHarness();
        var r = ShardHarness.Cli("run", h.Write("s.yaml", ShardHarness.Sweep), "--shard", "4/4", "--out", h.Sub("x"));
        Assert.Equal(2, r.Exit);
        Assert.Contains("shard index must be in 0..3", r.Err);
    }
}

public class SlurmInputTests
{
    [Fact]
    public void Slurm_commands_reject_bad_input_with_exit_2()
    {
        using var h = new ShardHarness();
        string s = h.Write("s.yaml", ShardHarness.Sweep);
        var zero = ShardHarness.Cli("slurm", "submit", s, "--shards", "0", "--dry-run");
        Assert.Equal(2, zero.Exit);
        Assert.Contains("--shards must be at least 1", zero.Err);
        var status = ShardHarness.Cli("slurm", "status", h.Dir);
        Assert.Equal(2, status.Exit);
        Assert.Contains("not a folder written by 'slurm submit'", status.Err);
        var badScenario = ShardHarness.Cli("slurm", "submit", h.Write("bad.yaml", "name: x\n"), "--shards", "2", "--dry-run");
        Assert.Equal(2, badScenario.Exit);
    }
}
