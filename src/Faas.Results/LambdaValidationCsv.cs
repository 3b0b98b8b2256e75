namespace Faas.Results;

/// <summary>
/// The files of <c>faas-sim lambda-validation</c>: lambda-validation.csv (one row per published AWS
/// Lambda experiment beside our simulation of it) and lambda-validation-summary.csv (MAPE, ours vs
/// SimFaaS's), with their writer and the reader of the chart.
/// </summary>
public static class LambdaValidationCsv
{
    public const string FileName = ResultFiles.LambdaValidation;
    public const string SummaryFileName = ResultFiles.LambdaValidationSummary;

    public const string Experiment = "experiment", ArrivalRate = "arrival_rate", MeasuredPCold = "measured_p_cold", MeasuredPColdSe = "measured_p_cold_se",
        SimPCold = "sim_p_cold", SimPColdCi95 = "sim_p_cold_ci95", PColdRelError = "p_cold_rel_error", MeasuredInstances = "measured_instances",
        SimInstances = "sim_instances", SimInstancesCi95 = "sim_instances_ci95", InstancesRelError = "instances_rel_error", SimCalls = "sim_calls";

    public static readonly string[] Header =
        [Experiment, ArrivalRate, MeasuredPCold, MeasuredPColdSe, SimPCold, SimPColdCi95, PColdRelError, MeasuredInstances, SimInstances, SimInstancesCi95, InstancesRelError, SimCalls];

    public const string Simulator = "simulator", PColdMape = "p_cold_mape", InstancesMape = "instances_mape", Rows = "rows", MeasuredMeanRelativeSe = "measured_mean_relative_se";

    public static readonly string[] SummaryHeader = [Simulator, PColdMape, InstancesMape, Rows, MeasuredMeanRelativeSe];

    /// <summary>One row of lambda-validation.csv.</summary>
    public sealed record Row(string Experiment, double ArrivalRate, double MeasuredPCold, double MeasuredPColdSe, double SimPCold, double SimPColdCi95,
        double PColdRelError, double MeasuredInstances, double SimInstances, double SimInstancesCi95, double InstancesRelError, long SimCalls);

    /// <summary>One row of lambda-validation-summary.csv: a simulator's errors over the <paramref name="Rows"/> experiments.</summary>
    public sealed record MapeRow(string Simulator, double PColdMape, double InstancesMape, int Rows, double MeasuredMeanRelativeSe);

    /// <summary>What the chart reads of a row of lambda-validation.csv.</summary>
    public sealed record Point(double Rate, double Measured, double MeasuredSe, double Simulated, double SimulatedCi);

    /// <summary>Writes both files into <paramref name="outDir"/> (created) and returns their paths, per-row file first.</summary>
    public static IReadOnlyList<string> Write(string outDir, IEnumerable<Row> rows, IEnumerable<MapeRow> mape)
    {
        Directory.CreateDirectory(outDir);
        string perRow = Path.Combine(outDir, FileName);
        using (var w = new StreamWriter(perRow))
        using (var csv = CsvFormat.Writer(w, Header, null))
        {
            foreach (var r in rows)
            {
                csv.WriteField(r.Experiment);
                csv.WriteField(CsvFormat.Num(r.ArrivalRate, 9));
                csv.WriteField(CsvFormat.Num(r.MeasuredPCold, 9));
                csv.WriteField(CsvFormat.Num(r.MeasuredPColdSe, 9));
                csv.WriteField(CsvFormat.Num(r.SimPCold, 9));
                csv.WriteField(CsvFormat.Num(r.SimPColdCi95, 9));
                csv.WriteField(CsvFormat.Num(r.PColdRelError, 6));
                csv.WriteField(CsvFormat.Num(r.MeasuredInstances, 6));
                csv.WriteField(CsvFormat.Num(r.SimInstances, 6));
                csv.WriteField(CsvFormat.Num(r.SimInstancesCi95, 6));
                csv.WriteField(CsvFormat.Num(r.InstancesRelError, 6));
                csv.WriteField(CsvFormat.Int(r.SimCalls));
                csv.NextRecord();
            }
        }
        string summary = Path.Combine(outDir, SummaryFileName);
        using (var w = new StreamWriter(summary))
        using (var csv = CsvFormat.Writer(w, SummaryHeader, null))
        {
            foreach (var m in mape)
            {
                csv.WriteField(m.Simulator);
                csv.WriteField(CsvFormat.Num(m.PColdMape, 6));
                csv.WriteField(CsvFormat.Num(m.InstancesMape, 6));
                csv.WriteField(CsvFormat.Int(m.Rows));
                csv.WriteField(CsvFormat.Num(m.MeasuredMeanRelativeSe, 6));
                csv.NextRecord();
            }
        }
        return [perRow, summary];
    }

    /// <summary>The measured and simulated cold-start probability per arrival rate, in file order.</summary>
    /// <exception cref="ResultsFormatException">The file is missing, lacks a column, or holds a non-number.</exception>
    public static IReadOnlyList<Point> ReadPoints(string path)
    {
        var rows = new List<Point>();
        using var r = CsvRowReader.Open(path);
        int rate = r.Require(ArrivalRate), m = r.Require(MeasuredPCold), se = r.Require(MeasuredPColdSe), sim = r.Require(SimPCold), ci = r.Optional(SimPColdCi95);
        while (r.Read())
            rows.Add(new Point(r.RequiredDouble(rate), r.RequiredDouble(m), r.RequiredDouble(se), r.RequiredDouble(sim), r.Double(ci)));
        return rows;
    }
}
