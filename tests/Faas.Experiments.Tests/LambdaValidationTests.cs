using Faas.TestSupport;
using Faas.Workloads;

namespace Faas.Experiments.Tests;

public class LambdaValidationTests
{
    private static string DataFile => Path.Combine(RepoPaths.Root, "data", "simfaas", "aws-lambda-keepalive-simfaas.csv");

    [Fact]
    public void ReadsTheTwentyPublishedExperiments()
    {
        var rows = LambdaValidation.Read(DataFile);
        Assert.Equal(20, rows.Count);
        Assert.Equal(1.981, rows.Average(r => r.ServiceTimeWarmMs) / 1000, 3);   // as SimFaaS states
        Assert.Equal(2.304, rows.Average(r => r.ServiceTimeColdMs) / 1000, 3);
        Assert.All(rows, r => Assert.Equal(10, r.IdleMinutesBeforeKill));
    }

    [Fact]
    public void KeepAliveReproducesTheMeasurementsAboutAsWellAsSimFaas()
    {
        var result = LambdaValidation.Run(LambdaValidation.Read(DataFile), seed: 3, replications: 2, callsPerReplication: 20_000);
        var (cold, instances) = LambdaValidation.Mape(result);
        // SimFaaS: 12.23% and 3.05%; measurement noise alone is ~10% relative SE on P(cold)
        Assert.InRange(cold, 0, 0.25);
        Assert.InRange(instances, 0, 0.08);
    }

    [Fact]
    public void MalformedRowIsRejectedWithItsRowNumber()
    {
        using var tmp = new TempFolder();
        var lines = File.ReadAllLines(DataFile);
        lines[3] = lines[3].Replace(lines[3].Split(',')[1], "fast");
        string path = Path.Combine(tmp.Dir, "bad.csv");
        File.WriteAllLines(path, lines);
        var e = Assert.Throws<ScenarioException>(() => LambdaValidation.Read(path));
        Assert.Contains("row 4", e.Message);
        Assert.Contains("ArrivalRate", e.Message);
    }
}
