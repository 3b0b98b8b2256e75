namespace Faas.Backends.Sim.Tests;

/// <summary>prewarm-pool's scope and reuse options, and keep-alive's ttl_from and when_full.</summary>
public class PrewarmPoolOptionTests
{
    [Fact]
    public void PerFunctionPoolsHoldAContainerForEachFunction()
    {
        var calls = new Call[] { new(10, 0), new(10, 1) };
        Assert.Equal("PP", PolicyRuns.Run("{model: prewarm-pool, min: 1, scope: function}", calls, functions: 2).Types);
        Assert.Equal("PC", PolicyRuns.Run("{model: prewarm-pool, min: 1}", calls, functions: 2).Types); // one pool of one for the runtime
    }

    [Fact]
    public void ReusePerFunctionMakesLaterCallsWarmOnTheSameContainer()
    {
        var r = PolicyRuns.Run("{model: prewarm-pool, min: 1, max: 1, scope: function, reuse: true}", [new(10, 0), new(20, 0), new(30, 0)]);
        Assert.Equal("PWW", r.Types);
        Assert.Single(r.Records.Select(x => x.Container).Distinct());
    }

    [Fact]
    public void ReusePerRuntimeReinjectsCodeIntoTheSameContainer()
    {
        var r = PolicyRuns.Run("{model: prewarm-pool, min: 1, max: 1, reuse: true}", [new(10, 0), new(20, 1), new(30, 0)], functions: 2);
        Assert.Equal("PPP", r.Types);
        Assert.Single(r.Records.Select(x => x.Container).Distinct());
    }

    [Fact]
    public void DefaultIsOneShot()
    {
        var r = PolicyRuns.Run("{model: prewarm-pool, min: 1, max: 1}", [new(10, 0), new(20, 0), new(30, 0)]);
        Assert.Equal("PPP", r.Types);
        Assert.Equal(3, r.Records.Select(x => x.Container).Distinct().Count());
    }

    [Theory]
    [InlineData("{model: keep-alive, ttl: 10m}", "CW")]                 // idle from 481 s: expires at 1081 s
    [InlineData("{model: keep-alive, ttl: 10m, ttl_from: start}", "CC")] // started at 0: expires at 600 s
    public void KeepAliveCanCountTheTtlFromTheLastStart(string model, string types)
    {
        var r = PolicyRuns.Run(model, [new(0, 0, Exec: 480), new(720, 0)]);
        Assert.Equal(types, r.Types);
    }

    [Theory]
    [InlineData("{model: keep-alive, when_full: drop}", "CD")]
    [InlineData("{model: keep-alive}", "CC")]
    public void KeepAliveCanDropWhenFull(string model, string types)
    {
        var r = PolicyRuns.Run(model, [new(0, 0, Exec: 10), new(2, 1)], functions: 2, cluster: "128MiB");
        Assert.Equal(types, r.Types);
    }
}
