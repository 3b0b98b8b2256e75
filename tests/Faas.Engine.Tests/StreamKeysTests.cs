namespace Faas.Engine.Tests;

/// <summary>
/// The random-stream keys are part of every result: the simulator and the replay draw the same calls
/// only while both spell them the same, and renaming one changes every CSV that draws from it.
/// They are pinned here.
/// </summary>
public class StreamKeysTests
{
    [Fact]
    public void TheKeysAreSpelledAsEveryEarlierResultDrewThem()
    {
        Assert.Equal("arrivals/fn-1", StreamKeys.Arrivals("fn-1"));
        Assert.Equal("exec/fn-1", StreamKeys.Exec("fn-1"));
        Assert.Equal("init/fn-1", StreamKeys.Init("fn-1"));
        Assert.Equal("dispatch/fn-1", StreamKeys.Dispatch("fn-1"));
        Assert.Equal("cold_start/python", StreamKeys.ColdStart("python"));
        Assert.Equal("trace/sample", StreamKeys.TraceSample);
        Assert.Equal("trace/azure2019/spread", StreamKeys.Azure2019Spread);
        Assert.Equal(["trace/synthetic/counts", "trace/synthetic/spread", "trace/synthetic/population"], [StreamKeys.SyntheticCounts, StreamKeys.SyntheticSpread, StreamKeys.SyntheticPopulation]);
    }

    [Fact]
    public void DifferentSourcesGetDifferentStreams()
    {
        var a = SeedSequence.Stream(42, StreamKeys.Exec("f"));
        var b = SeedSequence.Stream(42, StreamKeys.Init("f"));
        Assert.NotEqual(a.NextDouble(), b.NextDouble());
    }
}
