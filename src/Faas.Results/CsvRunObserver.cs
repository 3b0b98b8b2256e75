using CsvHelper;
using Faas.Platform.Results;

namespace Faas.Results;

/// <summary>
/// The writer of invocations.csv (<see cref="InvocationsCsv"/>) and timeseries.csv (<see cref="TimeSeriesCsv"/>):
/// streams one run's calls and samples as rows as they happen (nothing is buffered per call). Either writer may be null to skip that file.
/// </summary>
public sealed class CsvRunObserver : IRunObserver, IDisposable
{
    private readonly CsvWriter? _inv;
    private readonly CsvWriter? _ts;
    private readonly string _scenario, _model, _replication;
    private readonly Func<int, string> _functionName;
    private readonly Func<int, string> _runtimeName;

    public CsvRunObserver(TextWriter? invocations, TextWriter? timeSeries, string scenario, string model, int replication,
        Func<int, string> functionName, Func<int, string> runtimeName, bool writeHeaders)
    {
        _scenario = scenario;
        _model = model;
        _replication = CsvFormat.Int(replication);
        _functionName = functionName;
        _runtimeName = runtimeName;
        if (invocations is not null)
        {
            _inv = CsvFormat.Writer(invocations);
            if (writeHeaders) WriteHeader(_inv, InvocationsCsv.Header);
        }
        if (timeSeries is not null)
        {
            _ts = CsvFormat.Writer(timeSeries);
            if (writeHeaders) WriteHeader(_ts, TimeSeriesCsv.Header);
        }
    }

    public static void WriteHeader(CsvWriter w, string[] header)
    {
        foreach (var h in header) w.WriteField(h);
        w.NextRecord();
    }

    public void OnInvocation(in InvocationRecord r)
    {
        if (_inv is null) return;
        _inv.WriteField(_scenario);
        _inv.WriteField(_model);
        _inv.WriteField(_replication);
        _inv.WriteField(CsvFormat.Int(r.Invocation));
        _inv.WriteField(_functionName(r.Function));
        _inv.WriteField(_runtimeName(r.Runtime));
        _inv.WriteField(CsvFormat.Num(r.Arrival.Seconds, 6));
        _inv.WriteField(r.Status == CallStatus.Dropped ? "" : StartTypes.Of(r.StartType));
        _inv.WriteField(CsvFormat.Ms(r.Queue.Micros));
        _inv.WriteField(CsvFormat.Ms(r.Startup.Micros));
        _inv.WriteField(CsvFormat.Ms(r.Init.Micros));
        _inv.WriteField(CsvFormat.Ms(r.Exec.Micros));
        _inv.WriteField(CsvFormat.Ms(r.Latency.Micros));
        _inv.WriteField(CallStatuses.Of(r.Status));
        _inv.NextRecord();
    }

    public void OnSample(in TimeSample s)
    {
        if (_ts is null) return;
        _ts.WriteField(_scenario);
        _ts.WriteField(_model);
        _ts.WriteField(_replication);
        _ts.WriteField(CsvFormat.Num(s.Time.Seconds, 6));
        _ts.WriteField(_runtimeName(s.Runtime));
        _ts.WriteField(CsvFormat.Num(s.ArrivalsPerSecond, 6));
        _ts.WriteField(CsvFormat.Int(s.Idle));
        _ts.WriteField(CsvFormat.Int(s.Starting));
        _ts.WriteField(CsvFormat.Int(s.Busy));
        _ts.WriteField(CsvFormat.Int(s.PoolTarget));
        _ts.WriteField(CsvFormat.Int(s.Queued));
        _ts.NextRecord();
    }

    public void Dispose()
    {
        _inv?.Flush();
        _inv?.Dispose();
        _ts?.Flush();
        _ts?.Dispose();
    }
}
