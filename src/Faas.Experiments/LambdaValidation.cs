using System.Globalization;
using CsvHelper;
using Faas.Backends.Sim;
using Faas.Results;
using Faas.Scenarios;
using Faas.Workloads;
using MathNet.Numerics.Distributions;

namespace Faas.Experiments;

/// <summary>
/// Replays the 20 AWS Lambda keep-alive experiments published with SimFaaS with our keep-alive
/// model, as SimFaaS did: Poisson arrivals at each row's rate, one function, warm service
/// exponential with the mean warm time over all rows (1.981 s), cold service with the mean cold
/// time over all rows (2.304 s: here a constant start-up of the difference plus the warm service),
/// 600 s expiration. Reports per row and overall the error in cold-start probability and in the
/// time-averaged container count, beside SimFaaS's own MAPE on the same table (12.23% and 3.05%).
/// </summary>
public static class LambdaValidation
{
    /// <summary>SimFaaS's published MAPE on this table (cold-start probability, instance count).</summary>
    public const double SimFaasColdMape = 0.1223, SimFaasInstancesMape = 0.0305;

    /// <summary>Calls simulated per replication and row (the duration follows from the row's rate).</summary>
    public const int CallsPerReplication = 200_000;

    public static IReadOnlyList<LambdaMeasurement> Read(string path)
    {
        if (!File.Exists(path)) throw new ScenarioException(new SourceLocation(path, 0, 0), "file not found");
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, CsvFormat.Configuration);
        csv.Read();
        csv.ReadHeader();
        var rows = new List<LambdaMeasurement>();
        while (csv.Read())
        {
            int row = csv.Parser.Row;
            double D(string col)
            {
                string? raw = csv.GetField(col);
                if (raw is null || !double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
                    throw new ScenarioException(new SourceLocation(path, row, 0), $"row {row}: column '{col}': expected a number, got '{raw}'");
                return v;
            }
            rows.Add(new LambdaMeasurement(csv.GetField(0) ?? $"row{row}", D("ArrivalRate"), D("ServiceTimeWarm"), D("ServiceTimeCold"),
                D("IdleMinutesBeforeKill"), D("AverageInstanceCount"), D("ColdStartProbability"), D("ColdStartProbabilitySE")));
        }
        if (rows.Count == 0) throw new ScenarioException(new SourceLocation(path, 2, 0), "no data rows");
        return rows;
    }

    /// <summary>Simulates every row with <paramref name="replications"/> replications (rows in parallel).</summary>
    public static IReadOnlyList<LambdaValidationRow> Run(IReadOnlyList<LambdaMeasurement> rows, ulong seed = 1, int replications = 5, int callsPerReplication = CallsPerReplication)
    {
        double warmMs = rows.Average(r => r.ServiceTimeWarmMs);
        double coldMs = rows.Average(r => r.ServiceTimeColdMs);
        double ttlMin = rows.Average(r => r.IdleMinutesBeforeKill);
        var result = new LambdaValidationRow[rows.Count];
        Parallel.For(0, rows.Count, i =>
        {
            var m = rows[i];
            double seconds = Math.Ceiling(callsPerReplication / m.ArrivalRate);
            var s = ScenarioLoader.Load(string.Create(CultureInfo.InvariantCulture, $$$"""
                name: lambda-{{{m.Experiment.Replace('_', '-')}}}
                duration: {{{seconds}}}s
                seed: {{{seed}}}
                replications: {{{replications}}}
                runtimes:
                  - {name: lambda, memory: 128MiB, cold_start: {dist: constant, value: {{{Math.Round((coldMs - warmMs) * 1000)}}}us}}
                functions:
                  - {name: fn, runtime: lambda, exec: {dist: exponential, mean: {{{Math.Round(warmMs * 1000)}}}us}, arrivals: {process: poisson, rate: {{{m.ArrivalRate:R}}}}}
                models:
                  - {model: keep-alive, ttl: {{{ttlMin * 60}}}s}
                """), $"lambda-validation/{m.Experiment}");
            var summaries = Enumerable.Range(0, replications).Select(r => new SimulationRun(s, s.Models[0], r).Run()).ToList();
            var (cold, coldCi) = MeanCi(summaries.Select(x => x.ColdFraction).ToList());
            var (inst, instCi) = MeanCi(summaries.Select(x => x.MeanContainers).ToList());
            result[i] = new LambdaValidationRow(m, cold, coldCi, inst, instCi, summaries.Sum(x => x.Invocations));
        });
        return result.OrderBy(r => r.Measured.ArrivalRate).ToList();
    }

    /// <summary>Mean and 95% Student-t half-width.</summary>
    public static (double Mean, double HalfWidth) MeanCi(IReadOnlyList<double> xs)
    {
        double mean = xs.Average();
        if (xs.Count < 2) return (mean, double.NaN);
        double sd = Math.Sqrt(xs.Sum(x => (x - mean) * (x - mean)) / (xs.Count - 1));
        return (mean, StudentT.InvCDF(0, 1, xs.Count - 1, 0.975) * sd / Math.Sqrt(xs.Count));
    }

    /// <summary>Mean absolute percentage error of the cold-start probability and the instance count.</summary>
    public static (double Cold, double Instances) Mape(IReadOnlyList<LambdaValidationRow> rows) =>
        (rows.Average(r => r.ColdRelativeError), rows.Average(r => r.InstancesRelativeError));

    /// <summary>Writes lambda-validation.csv (per row) and lambda-validation-summary.csv (MAPE, ours vs SimFaaS).</summary>
    public static IReadOnlyList<string> Write(IReadOnlyList<LambdaValidationRow> rows, string outDir)
    {
        var (cold, inst) = Mape(rows);
        double meanRelSe = rows.Average(r => r.Measured.ColdStartProbabilitySE / r.Measured.ColdStartProbability);
        return LambdaValidationCsv.Write(outDir,
            rows.Select(r => new LambdaValidationCsv.Row(r.Measured.Experiment, r.Measured.ArrivalRate, r.Measured.ColdStartProbability, r.Measured.ColdStartProbabilitySE,
                r.SimCold, r.SimColdCi95, r.ColdRelativeError, r.Measured.AverageInstanceCount, r.SimInstances, r.SimInstancesCi95, r.InstancesRelativeError, r.SimCalls)),
            [
                new LambdaValidationCsv.MapeRow("faas-sim", cold, inst, rows.Count, meanRelSe),
                new LambdaValidationCsv.MapeRow("simfaas (published)", SimFaasColdMape, SimFaasInstancesMape, rows.Count, meanRelSe),
            ]);
    }
}
