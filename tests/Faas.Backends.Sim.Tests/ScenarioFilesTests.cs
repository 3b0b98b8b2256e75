using Faas.Engine;
using Faas.Experiments;
using Faas.Scenarios;
using Faas.TestSupport;

namespace Faas.Backends.Sim.Tests;

/// <summary>Every scenario in scenarios/ loads, validates and runs (shortened) with every model.</summary>
public class ScenarioFilesTests
{
    public static IEnumerable<object[]> Files() =>
        Directory.GetFiles(Path.Combine(RepoPaths.Root, "scenarios"), "*.yaml").Order().Select(f => new object[] { Path.GetFileName(f) });

    [Theory]
    [MemberData(nameof(Files))]
    public void ScenarioRunsWithEveryModel(string file)
    {
        var s = ScenarioLoader.LoadFile(Path.Combine(RepoPaths.Root, "scenarios", file));
        s.ValidateModels();
        Assert.False(string.IsNullOrWhiteSpace(s.Description), $"{file} should say which question it answers (description)");
        using var tmp = new TempFolder();
        var result = ExperimentRunner.Run(s, new ExperimentOptions(tmp.Dir, Replications: 1, MaxDuration: SimDuration.FromMinutes(10), WriteInvocations: false));
        Assert.Equal(s.Models.Count, result.Summaries.Count);
        Assert.All(result.Summaries, r => Assert.Equal(r.Invocations, r.Completed + r.Failed + r.Dropped));
        Assert.All(result.Summaries, r => Assert.True(r.Invocations > 0, $"{file}/{r.Model}: no call in 10 minutes"));
    }

    [Fact]
    public void SharedRuntimeRotationShowsTheSeedsClaimThree()
    {
        // claim 3: each function rotates slower than keep-alive's ttl but the runtime is busy: prewarm wins
        var s = ScenarioLoader.LoadFile(Path.Combine(RepoPaths.Root, "scenarios", "shared-runtime-rotation.yaml"));
        using var tmp = new TempFolder();
        var r = ExperimentRunner.Run(s, new ExperimentOptions(tmp.Dir, Replications: 1, WriteInvocations: false, WriteTimeSeries: false));
        var ka = r.Summaries.Single(x => x.Model == "keep-alive");
        var pw = r.Summaries.Single(x => x.Model == "prewarm-pool");
        Assert.True(pw.ColdFraction < 0.2 && ka.ColdFraction > 0.4, $"cold fractions: prewarm {pw.ColdFraction}, keep-alive {ka.ColdFraction}");
        Assert.True(pw.P50Ms < ka.P50Ms);
    }
}
