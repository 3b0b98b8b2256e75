using System.CommandLine;
using System.Globalization;
using Faas.Experiments;
using Faas.Plotting;
using Faas.Results;

namespace Faas.Cli.Commands;

/// <summary><c>lambda-validation</c>: our keep-alive model against 20 published AWS Lambda measurements.</summary>
public static class LambdaValidationCommand
{
    public const string DefaultData = "data/simfaas/aws-lambda-keepalive-simfaas.csv";

    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var data = new Option<string>("--data") { Description = $"The measurements CSV (default {DefaultData}).", DefaultValueFactory = _ => DefaultData };
        var outDir = new Option<string>("--out", "-o") { Description = "Output folder (lambda-validation.csv, lambda-validation-summary.csv, chart).", Required = true };
        var reps = new Option<int>("--replications", "-r") { Description = "Replications per experiment (default 5).", DefaultValueFactory = _ => 5 };
        var calls = new Option<int>("--calls") { Description = "Calls simulated per replication and experiment (default 200,000).", DefaultValueFactory = _ => LambdaValidation.CallsPerReplication };
        var seed = new Option<ulong>("--seed") { Description = "Root seed (default 1).", DefaultValueFactory = _ => 1 };
        var cmd = new Command("lambda-validation",
            "Replay the 20 AWS Lambda keep-alive experiments published with SimFaaS (Poisson arrivals, 10-minute idle timeout) with the keep-alive model; " +
            "report the error in cold-start probability and mean container count per experiment and as MAPE, beside SimFaaS's 12.23% and 3.05%.")
        {
            data, outDir, reps, calls, seed,
        };
        cmd.SetAction(p =>
        {
            int r = p.GetValue(reps);
            int n = p.GetValue(calls);
            if (r < 2) throw new BadInputException("--replications must be at least 2 (for confidence intervals)");
            if (n < 100) throw new BadInputException("--calls must be at least 100");
            var rows = LambdaValidation.Read(p.GetValue(data)!);
            stderr.WriteLine($"lambda-validation: {rows.Count} experiments x {r} replications x {n} calls");
            var result = LambdaValidation.Run(rows, p.GetValue(seed), r, n);
            string dir = p.GetValue(outDir)!;
            var files = LambdaValidation.Write(result, dir).ToList();
            var (cold, inst) = LambdaValidation.Mape(result);
            var fig = LambdaValidationChart.Build(LambdaValidationCsv.ReadPoints(files[0]), cold, LambdaValidation.SimFaasColdMape);
            files.AddRange(fig.Save(Path.Combine(dir, ResultFiles.LambdaValidationChart)));

            stdout.WriteLine($"{"experiment",-14} {"rate/s",9} {"P(cold) meas",12} {"sim",9} {"err",7} {"inst meas",9} {"sim",7} {"err",7}");
            foreach (var x in result)
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{x.Measured.Experiment,-14} {x.Measured.ArrivalRate,9:0.0000} {x.Measured.ColdStartProbability,12:0.00000} {x.SimCold,9:0.00000} {x.ColdRelativeError,7:P1} {x.Measured.AverageInstanceCount,9:0.000} {x.SimInstances,7:0.000} {x.InstancesRelativeError,7:P1}"));
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"MAPE: cold-start probability {cold:P2} (SimFaaS {LambdaValidation.SimFaasColdMape:P2}), mean container count {inst:P2} (SimFaaS {LambdaValidation.SimFaasInstancesMape:P2})"));
            stdout.WriteLine($"wrote {string.Join(", ", files.Select(Path.GetFileName))} to {dir}");
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
