using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Faas.Results;

/// <summary>
/// Streams a comma-separated results file row by row and reads fields by header name.
/// Only the fields a caller asks for are converted, so a million-row file with many columns
/// costs little more than its parse. Every conversion error becomes a
/// <see cref="ResultsFormatException"/> naming the file, row and column.
/// </summary>
internal sealed class CsvRowReader : IDisposable
{
    private readonly CsvParser _parser;
    private readonly Dictionary<string, int> _columns;

    private CsvRowReader(string path, CsvParser parser, Dictionary<string, int> columns, string[] header)
    {
        Path = path;
        _parser = parser;
        _columns = columns;
        Header = header;
    }

    /// <summary>The file being read, as given to <see cref="Open"/>.</summary>
    public string Path { get; }

    /// <summary>Column names in file order.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>1-based number of the current row; the header is row 1.</summary>
    public int Row => _parser.Row;

    /// <summary>Opens <paramref name="path"/> and reads its header row.</summary>
    /// <exception cref="ResultsFormatException">The file does not exist, is empty, or repeats a column name.</exception>
    public static CsvRowReader Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new ResultsFormatException(path, null, "file not found");
        }

        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = true,
            IgnoreBlankLines = true,
            BadDataFound = args => throw new ResultsFormatException(
                path, args.Context.Parser?.Row, $"malformed field (bad quoting): {Clip(args.RawRecord)}"),
        };
        var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        var parser = new CsvParser(reader, config);
        try
        {
            if (!parser.Read())
            {
                throw new ResultsFormatException(path, null, "file is empty (expected a header row)");
            }

            var header = new string[parser.Count];
            var columns = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < header.Length; i++)
            {
                header[i] = parser[i].Trim();
                if (!columns.TryAdd(header[i], i))
                {
                    throw new ResultsFormatException(path, 1, $"column '{header[i]}' appears twice in the header");
                }
            }

            return new CsvRowReader(path, parser, columns, header);
        }
        catch
        {
            parser.Dispose();
            throw;
        }
    }

    /// <summary>Index of a column that must exist.</summary>
    /// <exception cref="ResultsFormatException">The header has no such column.</exception>
    public int Require(string column) =>
        _columns.TryGetValue(column, out int index)
            ? index
            : throw new ResultsFormatException(Path, 1,
                $"missing required column '{column}' (header has: {string.Join(",", Header)})");

    /// <summary>Index of an optional column, or -1 when the header lacks it.</summary>
    public int Optional(string column) => _columns.TryGetValue(column, out int index) ? index : -1;

    /// <summary>
    /// Advances to the next data row; false at end of file.
    /// </summary>
    /// <exception cref="ResultsFormatException">The row's field count differs from the header's.</exception>
    public bool Read()
    {
        if (!_parser.Read())
        {
            return false;
        }

        if (_parser.Count != Header.Count)
        {
            throw new ResultsFormatException(Path, Row,
                $"expected {Header.Count} fields as in the header, found {_parser.Count}: {Clip(_parser.RawRecord)}");
        }

        return true;
    }

    /// <summary>The raw text of field <paramref name="index"/> of the current row, trimmed.</summary>
    public string Text(int index) => _parser[index].Trim();

    /// <summary>
    /// Field <paramref name="index"/> as a double (InvariantCulture). An empty field, "NaN" or
    /// a column absent from the header (index -1) reads as <see cref="double.NaN"/>.
    /// </summary>
    /// <exception cref="ResultsFormatException">The field is not a number.</exception>
    public double Double(int index)
    {
        if (index < 0)
        {
            return double.NaN;
        }

        string text = _parser[index];
        if (string.IsNullOrWhiteSpace(text))
        {
            return double.NaN;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? value
            : throw Bad(index, text, "a number");
    }

    /// <summary>Field <paramref name="index"/> as a finite double; empty is an error.</summary>
    /// <exception cref="ResultsFormatException">The field is empty, not a number, or not finite.</exception>
    public double RequiredDouble(int index)
    {
        double value = Double(index);
        return double.IsFinite(value) ? value : throw Bad(index, _parser[index], "a finite number");
    }

    /// <summary>Field <paramref name="index"/> as an integer (a whole-valued decimal such as "3.0" is accepted).</summary>
    /// <exception cref="ResultsFormatException">The field is empty or not an integer.</exception>
    public long Integer(int index)
    {
        string text = _parser[index].Trim();
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value))
        {
            return value;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d)
            && double.IsFinite(d) && Math.Abs(d) < 9e15 && d == Math.Floor(d))
        {
            return (long)d;
        }

        throw Bad(index, text, "an integer");
    }

    /// <summary>Builds an error for the current row and column <paramref name="index"/>.</summary>
    public ResultsFormatException Bad(int index, string text, string expected) =>
        new(Path, Row, $"column '{Header[index]}': expected {expected}, found '{Clip(text)}'");

    /// <inheritdoc />
    public void Dispose() => _parser.Dispose();

    private static string Clip(string? text)
    {
        text = (text ?? string.Empty).TrimEnd('\r', '\n');
        return text.Length <= 80 ? text : text[..77] + "...";
    }
}
