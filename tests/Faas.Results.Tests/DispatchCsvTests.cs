using Faas.Platform;
using Faas.Results;
using Faas.TestSupport;

namespace Faas.Results.Tests;

/// <summary>A replay's dispatch files: written with the one header, read back by the sim-vs-real chart.</summary>
public sealed class DispatchCsvTests : IDisposable
{
    private readonly TempFolder _tmp = new("faas-dispatch-");

    public void Dispose() => _tmp.Dispose();

    [Fact]
    public void CompletedCallsAndTheModelsReadBackAsWritten()
    {
        DispatchCsv.Write(_tmp.Dir,
        [
            new("keep-alive", 0, "f", 0, 0.4, 0.4, 30, true, null, StartType.Cold, 0.1, 412.25, 2, 30.5, 445.125),
            new("keep-alive", 1, "f", 100, 100.2, 0.2, 30, true, null, StartType.Warm, 0.05, 0, 0, 30.1, 31.002),
            new("keep-alive", 2, "g", 200, 200.1, 0.1, 30, false, "timeout", StartType.Warm, 0, 0, 0, 0, 60000),
            new("prewarm-pool", 0, "f", 0, 0.3, 0.3, 30, false, "dropped", null, 5, 0, 0, 0, 5),
        ],
        [new("keep-alive", 3, 0.2, 0.4, 0.4, true), new("prewarm-pool", 1, 0.3, 0.3, 0.3, false)]);
        Assert.Equal(string.Join(",", DispatchCsv.Header), File.ReadLines(_tmp.Sub(DispatchCsv.FileName)).First());
        Assert.Equal("keep-alive,0,f,0,0.4,0.4,30,completed,,cold,0.1,412.25,2,30.5,445.125", File.ReadLines(_tmp.Sub(DispatchCsv.FileName)).ElementAt(1));
        Assert.Equal("prewarm-pool,0,f,0,0.3,0.3,30,failed,dropped,,5,0,0,0,5", File.ReadLines(_tmp.Sub(DispatchCsv.FileName)).Last());
        var done = DispatchCsv.ReadCompleted(_tmp.Sub(DispatchCsv.FileName));
        Assert.Equal([new("keep-alive", StartTypes.Cold, 445.125), new("keep-alive", StartTypes.Warm, 31.002)], done);
        Assert.Equal(["keep-alive", "prewarm-pool"], DispatchCsv.ReadModels(_tmp.Sub(DispatchCsv.SummaryFileName)));
        Assert.Equal("prewarm-pool,1,0.3,0.3,0.3,no", File.ReadLines(_tmp.Sub(DispatchCsv.SummaryFileName)).Last());
    }

    [Fact]
    public void EveryResultFileHasItsOwnName()
    {
        var names = typeof(ResultFiles).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();
        Assert.True(names.Count >= 15);
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void NamesAreSpelledOnceForEveryFile()
    {
        Assert.Equal(["cold", "prewarm", "warm"], StartTypes.Ordered);
        Assert.Equal("completed", CallStatuses.Of(Faas.Platform.Results.CallStatus.Completed));
        Assert.Equal(InvocationsCsv.StartType, InvocationsCsv.Header[7]);
        Assert.Equal(SummaryCsv.ColdFraction, SummaryCsv.Header[16]);
    }
}
