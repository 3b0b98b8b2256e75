using System.Globalization;
using System.Text;
using Faas.Platform;

namespace Faas.Results;

/// <summary>
/// The files of a real replay beside its invocations.csv and summary.csv: dispatch.csv (one row
/// per call: when it was planned and actually issued, how it ended and its measured phases) and
/// dispatch_summary.csv (per model: dispatch lag and whether the run is trusted), with their writer
/// and the reader of the sim-vs-real chart.
/// </summary>
public static class DispatchCsv
{
    public const string FileName = ResultFiles.Dispatch;
    public const string SummaryFileName = ResultFiles.DispatchSummary;

    public const string Model = "model", Call = "call", Function = "function", TargetMs = "target_ms", IssuedMs = "issued_ms", LagMs = "lag_ms",
        PlannedExecMs = "planned_exec_ms", Status = "status", ErrorKind = "error_kind", StartType = "start_type", QueueMs = "queue_ms",
        StartupMs = "startup_ms", InitMs = "init_ms", ExecMs = "exec_ms", TotalMs = "total_ms";

    public static readonly string[] Header =
        [Model, Call, Function, TargetMs, IssuedMs, LagMs, PlannedExecMs, Status, ErrorKind, StartType, QueueMs, StartupMs, InitMs, ExecMs, TotalMs];

    public const string Calls = "calls", LagP50Ms = "lag_p50_ms", LagP99Ms = "lag_p99_ms", LagMaxMs = "lag_max_ms", Trusted = "trusted";

    public static readonly string[] SummaryHeader = [Model, Calls, LagP50Ms, LagP99Ms, LagMaxMs, Trusted];

    /// <summary>One call of a replay; <paramref name="StartType"/> is null when it got no container.</summary>
    public sealed record Row(string Model, int Call, string Function, double TargetMs, double IssuedMs, double LagMs, double PlannedExecMs,
        bool Completed, string? ErrorKind, StartType? StartType, double QueueMs, double StartupMs, double InitMs, double ExecMs, double TotalMs);

    /// <summary>One model of a replay: its dispatch lag; trusted when the p99 lag is within the limit.</summary>
    public sealed record ModelRow(string Model, int Calls, double LagP50Ms, double LagP99Ms, double LagMaxMs, bool Trusted);

    /// <summary>A completed call as the sim-vs-real chart reads it back.</summary>
    public readonly record struct Latency(string Model, string StartType, double TotalMs);

    /// <summary>Writes dispatch.csv and dispatch_summary.csv into <paramref name="outDir"/> (numbers with up to 3 decimals).</summary>
    public static void Write(string outDir, IEnumerable<Row> calls, IEnumerable<ModelRow> models)
    {
        var sb = new StringBuilder(string.Join(",", Header) + "\n");
        foreach (var c in calls)
        {
            string start = c.StartType is { } t ? StartTypes.Of(t) : "";
            sb.Append(string.Create(CultureInfo.InvariantCulture,
                $"{c.Model},{c.Call},{c.Function},{c.TargetMs:0.###},{c.IssuedMs:0.###},{c.LagMs:0.###},{c.PlannedExecMs:0.###},{(c.Completed ? CallStatuses.Completed : CallStatuses.Failed)},{c.ErrorKind},{start},{c.QueueMs:0.###},{c.StartupMs:0.###},{c.InitMs:0.###},{c.ExecMs:0.###},{c.TotalMs:0.###}\n"));
        }
        File.WriteAllText(Path.Combine(outDir, FileName), sb.ToString());
        var ds = new StringBuilder(string.Join(",", SummaryHeader) + "\n");
        foreach (var m in models)
            ds.Append(string.Create(CultureInfo.InvariantCulture, $"{m.Model},{m.Calls},{m.LagP50Ms:0.###},{m.LagP99Ms:0.###},{m.LagMaxMs:0.###},{(m.Trusted ? "yes" : "no")}\n"));
        File.WriteAllText(Path.Combine(outDir, SummaryFileName), ds.ToString());
    }

    /// <summary>The completed calls of dispatch.csv at <paramref name="path"/>, in file order.</summary>
    /// <exception cref="ResultsFormatException">The file is missing, lacks a column, or a completed call has no number for its total.</exception>
    public static IReadOnlyList<Latency> ReadCompleted(string path)
    {
        var rows = new List<Latency>();
        using var r = CsvRowReader.Open(path);
        int model = r.Require(Model), status = r.Require(Status), start = r.Require(StartType), total = r.Require(TotalMs);
        while (r.Read())
            if (r.Text(status) == CallStatuses.Completed) rows.Add(new Latency(r.Text(model), r.Text(start), r.RequiredDouble(total)));
        return rows;
    }

    /// <summary>The models of dispatch_summary.csv at <paramref name="path"/>, in file order (the order they were replayed).</summary>
    public static IReadOnlyList<string> ReadModels(string path)
    {
        var models = new List<string>();
        using var r = CsvRowReader.Open(path);
        int model = r.Require(Model);
        while (r.Read()) models.Add(r.Text(model));
        return models;
    }
}
