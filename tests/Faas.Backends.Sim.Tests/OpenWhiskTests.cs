using Faas.Platform.Policies;

namespace Faas.Backends.Sim.Tests;

/// <summary>openwhisk on hand-made sequences: 1 s container start, 0.1 s calls, stem cells of runtime rt0.</summary>
public class OpenWhiskTests
{
    [Fact]
    public void WarmThenStemCellThenWarmAgainAfterTheKeepAlive()
    {
        // f0 at 5 s takes a stem cell; warm at 10 s; f1 takes the other stem cell at 15 s;
        // f0's container expires 10 min after 10.1 s; at 700 s f0 takes a (backfilled) stem cell
        var calls = new Call[] { new(5, 0), new(10, 0), new(15, 1), new(700, 0) };
        var r = PolicyRuns.Run("{model: openwhisk}", calls, functions: 2);
        Assert.Equal("PWPP", r.Types);
    }

    [Fact]
    public void OrderIsWarmThenPrewarmThenCold()
    {
        // three overlapping calls, two stem cells at start-up, nothing warm yet
        var calls = new Call[] { new(5, 0, Exec: 10), new(5, 0, Exec: 10), new(5, 0, Exec: 10), new(20, 0), new(20.5, 0) };
        var r = PolicyRuns.Run("{model: openwhisk}", calls);
        Assert.Equal("PPCWW", r.Types);
    }

    [Fact]
    public void ReactiveCountFollowsLastIntervalsColdStarts()
    {
        // no stem cells at all at first; three overlapping cold starts in the first minute
        var calls = new List<Call> { new(1, 0, Exec: 30), new(2, 0, Exec: 30), new(3, 0, Exec: 30) };
        calls.AddRange([new(70, 1), new(70, 2), new(70, 3)]); // three other functions after the check at 60 s
        var r = PolicyRuns.Run("{model: openwhisk, initial: 0, min: 0, max: 4, threshold: 1, increment: 1}", calls, functions: 4);
        Assert.Equal("CCCPPP", r.Types);
        Assert.Equal(3, r.Policy<OpenWhiskPolicy>().PoolTarget(0)); // set by the check at 60 s: ⌊3 / 1⌋·1
    }

    [Fact]
    public void ThresholdAndIncrementScaleTheDesiredCountUpToMax()
    {
        var calls = Enumerable.Range(0, 9).Select(i => new Call(1 + i * 0.1, 0, Exec: 30)).ToList(); // 9 cold starts
        calls.AddRange(Enumerable.Range(1, 6).Select(f => new Call(70, f)));
        var r = PolicyRuns.Run("{model: openwhisk, initial: 0, min: 0, max: 4, threshold: 2, increment: 1}", calls, functions: 7);
        // ⌊9 / 2⌋·1 = 4 (the max): four of the six get a stem cell
        Assert.Equal(new string('C', 9) + "PPPPCC", r.Types);
    }

    [Theory]
    [InlineData("{model: openwhisk, min: 0}", "C")]             // reactive: unused stem cells expire after ttl (2 min)
    [InlineData("{model: openwhisk, reactive: false}", "P")]    // static: initial count forever
    public void UnusedStemCellsExpireOnlyWhenReactive(string model, string types)
    {
        var r = PolicyRuns.Run(model, [new(200, 0)]);
        Assert.Equal(types, r.Types);
    }
}
