using System.Text;
using Faas.Platform.Results;
using Faas.Results;

namespace Faas.Backends.Docker;

/// <summary>
/// Appends every call of a real run to an invocations.csv with the simulator's columns (through
/// <see cref="CsvRunObserver"/>, so the same plots read real runs). The header is written when the
/// file is new. Rows are flushed to disk each time the driver's loop goes idle, so the file is
/// current while the server runs and loses nothing on a crash but the calls being handled.
/// </summary>
public sealed class CsvInvocationLog : IRunObserver, IDisposable
{
    private readonly StreamWriter _file;
    private readonly Func<CsvRunObserver> _newObserver;
    private CsvRunObserver? _batch;

    public CsvInvocationLog(string path, string scenario, string model, Func<int, string> functionName, Func<int, string> runtimeName)
    {
        Path = System.IO.Path.GetFullPath(path);
        var dir = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        bool isNew = !File.Exists(Path) || new FileInfo(Path).Length == 0;
        _file = new StreamWriter(new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read), new UTF8Encoding(false));
        _newObserver = () => new CsvRunObserver(_file, null, scenario, model, 0, functionName, runtimeName, writeHeaders: false);
        if (isNew)
        {
            using (var w = CsvFormat.Writer(_file)) CsvRunObserver.WriteHeader(w, InvocationsCsv.Header);
            _file.Flush();
        }
    }

    public string Path { get; }

    public void OnInvocation(in InvocationRecord record) => (_batch ??= _newObserver()).OnInvocation(in record);

    public void OnSample(in TimeSample sample) { }

    /// <summary>Writes the rows so far to disk.</summary>
    public void Flush()
    {
        if (_batch is null) return;
        _batch.Dispose();
        _batch = null;
        _file.Flush();
    }

    public void Dispose()
    {
        Flush();
        _file.Dispose();
    }
}
