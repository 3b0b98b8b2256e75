using Faas.Platform;
using Faas.Results;
using Faas.TestSupport;

namespace Faas.Plotting.Tests;

/// <summary>validate-real's chart is drawn from the CSVs of the folder it wrote.</summary>
public sealed class SimVsRealChartTests : IDisposable
{
    private readonly TempFolder _tmp = new("faas-simreal-");

    public void Dispose() => _tmp.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void BothSidesOfEveryModelAreDrawnFromTheCsvs(int realReplications)
    {
        Directory.CreateDirectory(_tmp.Sub("sim"));
        File.WriteAllText(_tmp.Sub("sim", InvocationsCsv.FileName), string.Join(",", InvocationsCsv.Header) + "\n" +
            "t,keep-alive,0,0,f,python,0.5,cold,0,412,2,30,444,completed\n" +
            "t,keep-alive,0,1,f,python,1.5,warm,0,0,0,30,30,completed\n");
        for (int i = 0; i < realReplications; i++)
        {
            string dir = realReplications == 1 ? _tmp.Sub("real") : _tmp.Sub("real", $"rep{i}");
            Directory.CreateDirectory(dir);
            DispatchCsv.Write(dir,
                [new("keep-alive", 0, "f", 0, 0.2, 0.2, 30, true, null, StartType.Cold, 0.1, 430, 2, 31, 463.1), new("keep-alive", 1, "f", 1000, 1000.1, 0.1, 30, true, null, StartType.Warm, 0, 0, 0, 31, 32.4)],
                [new("keep-alive", 2, 0.1, 0.2, 0.2, true)]);
        }
        var files = SimVsRealChart.Save(_tmp.Dir, "t", realReplications);
        Assert.Equal([_tmp.Sub("latency-cdf.png"), _tmp.Sub("latency-cdf.svg")], files);
        Assert.All(files, f => Assert.True(new FileInfo(f).Length > 1000, f));
        Assert.Contains("keep-alive (real)", File.ReadAllText(_tmp.Sub("latency-cdf.svg")));
    }
}
