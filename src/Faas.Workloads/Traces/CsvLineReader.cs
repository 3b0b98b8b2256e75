using System.Globalization;
using Faas.Engine;

namespace Faas.Workloads.Traces;

/// <summary>
/// Reads a trace CSV one line at a time into a reused buffer and splits it at commas, without
/// allocating per row: a file of 10^8 rows costs the same memory as one of ten. The Azure traces
/// have no quoting, so none is supported (a quote is an ordinary character). Blank lines are
/// skipped; <c>\r\n</c> and a final line without newline are accepted. Every error names the file
/// and the 1-based line number (the header is line 1) through <see cref="Error"/>.
/// </summary>
public sealed class CsvLineReader : IDisposable
{
    private readonly TextReader _reader;
    private readonly bool _own;
    private char[] _buf = new char[1 << 16];
    private int _start, _end;
    private bool _eof;
    private int _lineStart, _lineLength;
    private int[] _fieldStart = new int[64];
    private int[] _fieldLength = new int[64];
    private int _fieldCount;
    private string[] _header = [];

    /// <summary>Reads <paramref name="reader"/>; <paramref name="file"/> names it in errors.</summary>
    public CsvLineReader(TextReader reader, string file, bool ownsReader = true)
    {
        _reader = reader;
        _own = ownsReader;
        File = file;
    }

    /// <summary>Opens <paramref name="path"/> (a missing file is bad input, not a crash).</summary>
    public static CsvLineReader Open(string path)
    {
        if (!System.IO.File.Exists(path)) throw new ScenarioException(new SourceLocation(path, 0, 0), "trace file not found");
        return new CsvLineReader(new StreamReader(path, System.Text.Encoding.UTF8, true, 1 << 16), path);
    }

    /// <summary>The file name used in messages.</summary>
    public string File { get; }

    /// <summary>The 1-based line number of the current row.</summary>
    public long Line { get; private set; }

    /// <summary>Fields of the current row.</summary>
    public int FieldCount => _fieldCount;

    /// <summary>The header read by <see cref="ReadHeader"/>.</summary>
    public IReadOnlyList<string> Header => _header;

    /// <summary>The current row as text (valid until the next <see cref="Next"/>).</summary>
    public ReadOnlySpan<char> Row => _buf.AsSpan(_lineStart, _lineLength);

    /// <summary>Field <paramref name="i"/> of the current row (valid until the next <see cref="Next"/>).</summary>
    public ReadOnlySpan<char> Field(int i) => _buf.AsSpan(_fieldStart[i], _fieldLength[i]);

    /// <summary>Fields <paramref name="first"/>..<paramref name="last"/> (inclusive) with their commas, as one span.</summary>
    public ReadOnlySpan<char> Fields(int first, int last) =>
        _buf.AsSpan(_fieldStart[first], _fieldStart[last] + _fieldLength[last] - _fieldStart[first]);

    /// <summary>Reads the first line as the header; fails if the file is empty.</summary>
    public IReadOnlyList<string> ReadHeader()
    {
        if (!Next()) throw new ScenarioException(new SourceLocation(File, 1, 1), "the file is empty; expected a CSV header line");
        _header = new string[_fieldCount];
        for (int i = 0; i < _fieldCount; i++) _header[i] = Field(i).Trim().ToString();
        return _header;
    }

    /// <summary>Checks that the header starts with <paramref name="expected"/> (exact names, in order).</summary>
    public void RequireHeaderPrefix(string what, params string[] expected)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            if (i >= _header.Length || _header[i] != expected[i])
                throw new ScenarioException(new SourceLocation(File, 1, i + 1),
                    $"not {what}: header column {i + 1} should be '{expected[i]}', got '{(i < _header.Length ? _header[i] : "(missing)")}'; expected header {string.Join(",", expected)}...");
        }
    }

    /// <summary>Advances to the next non-blank row; false at the end of the file.</summary>
    public bool Next()
    {
        while (true)
        {
            if (!ReadLine()) return false;
            if (_lineLength == 0) continue;
            Split();
            return true;
        }
    }

    /// <summary>A located error about the current row (and field <paramref name="field"/>, 0-based, when given).</summary>
    public ScenarioException Error(string problem, int field = -1)
    {
        string col = field >= 0 && field < _header.Length ? $", column {field + 1} ('{_header[field]}')" : field >= 0 ? $", column {field + 1}" : "";
        return new ScenarioException(new SourceLocation(File, (int)Math.Min(Line, int.MaxValue), field >= 0 ? field + 1 : 0),
            $"row {Line.ToString(CultureInfo.InvariantCulture)}{col}: {problem}");
    }

    /// <summary>Fails unless the row has exactly <paramref name="count"/> fields.</summary>
    public void RequireFields(int count)
    {
        if (_fieldCount != count) throw Error($"expected {count} comma-separated fields, found {_fieldCount}");
    }

    /// <summary>Field <paramref name="i"/> as a non-negative whole number.</summary>
    public long Long(int i)
    {
        var f = Field(i).Trim();
        if (!long.TryParse(f, NumberStyles.Integer, CultureInfo.InvariantCulture, out long v) || v < 0)
        {
            // counts are sometimes written as 12.0
            if (double.TryParse(f, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && d >= 0 && d == Math.Floor(d) && d < 9e18)
                return (long)d;
            throw Error($"expected a non-negative whole number, got '{f.ToString()}'", i);
        }
        return v;
    }

    /// <summary>Field <paramref name="i"/> as a finite number ≥ <paramref name="min"/>.</summary>
    public double Double(int i, double min = double.NegativeInfinity)
    {
        var f = Field(i).Trim();
        if (!double.TryParse(f, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
            throw Error($"expected a number, got '{f.ToString()}'", i);
        if (v < min) throw Error($"expected a number >= {min.ToString(CultureInfo.InvariantCulture)}, got '{f.ToString()}'", i);
        return v;
    }

    /// <summary>Field <paramref name="i"/> as a non-empty string (allocates: use for identifiers read once).</summary>
    public string Text(int i)
    {
        var f = Field(i).Trim();
        if (f.IsEmpty) throw Error("expected a non-empty value", i);
        return f.ToString();
    }

    private void Split()
    {
        _fieldCount = 0;
        int pos = _lineStart, end = _lineStart + _lineLength;
        while (true)
        {
            int comma = _buf.AsSpan(pos, end - pos).IndexOf(',');
            int len = comma < 0 ? end - pos : comma;
            if (_fieldCount == _fieldStart.Length)
            {
                Array.Resize(ref _fieldStart, _fieldStart.Length * 2);
                Array.Resize(ref _fieldLength, _fieldLength.Length * 2);
            }
            _fieldStart[_fieldCount] = pos;
            _fieldLength[_fieldCount] = len;
            _fieldCount++;
            if (comma < 0) break;
            pos += len + 1;
        }
    }

    /// <summary>Finds the next line in the buffer, refilling (and growing for very long lines) as needed.</summary>
    private bool ReadLine()
    {
        int scanFrom = _start;
        while (true)
        {
            int nl = _buf.AsSpan(scanFrom, _end - scanFrom).IndexOf('\n');
            if (nl >= 0)
            {
                int lineEnd = scanFrom + nl;
                SetLine(_start, lineEnd);
                _start = lineEnd + 1;
                return true;
            }
            if (_eof)
            {
                if (_start >= _end) return false;
                SetLine(_start, _end);
                _start = _end;
                return true;
            }
            // move the partial line to the front, grow if it fills the buffer, read more
            int pending = _end - _start;
            if (_start > 0)
            {
                Array.Copy(_buf, _start, _buf, 0, pending);
                _start = 0;
                _end = pending;
            }
            if (_end == _buf.Length) Array.Resize(ref _buf, _buf.Length * 2);
            scanFrom = _end;
            int n = _reader.Read(_buf, _end, _buf.Length - _end);
            if (n <= 0) _eof = true;
            else _end += n;
        }
    }

    private void SetLine(int from, int to)
    {
        if (to > from && _buf[to - 1] == '\r') to--;
        _lineStart = from;
        _lineLength = to - from;
        Line++;
    }

    public void Dispose()
    {
        if (_own) _reader.Dispose();
    }

    /// <summary>Converts trace seconds to a duration, clamping to [0, infinite).</summary>
    internal static SimDuration Seconds(double s) =>
        s <= 0 ? SimDuration.Zero : s >= SimDuration.Infinite.Seconds ? SimDuration.Infinite : SimDuration.FromSeconds(s);
}
