using CsvHelper;

namespace Faas.Results;

/// <summary>A whole small CSV file in memory: its header and its rows as text, in file order.</summary>
public sealed class CsvTable
{
    private readonly Dictionary<string, int> _index;

    private CsvTable(string path, IReadOnlyList<string> header, IReadOnlyList<string[]> rows)
    {
        Path = path;
        Header = header;
        Rows = rows;
        _index = header.Select((h, i) => (h, i)).GroupBy(x => x.h).ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);
    }

    public string Path { get; }
    public IReadOnlyList<string> Header { get; }
    public IReadOnlyList<string[]> Rows { get; }

    /// <summary>Reads <paramref name="path"/>; every row must have the header's field count.</summary>
    public static CsvTable Read(string path)
    {
        if (!File.Exists(path)) throw new ResultsFormatException(path, null, "file not found");
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, CsvFormat.Configuration);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is null)
            throw new ResultsFormatException(path, null, "empty file; expected a header row");
        var header = csv.HeaderRecord.ToArray();
        var rows = new List<string[]>();
        while (csv.Read())
        {
            var row = csv.Parser.Record ?? [];
            if (row.Length != header.Length)
                throw new ResultsFormatException(path, csv.Parser.Row, $"{row.Length} fields, the header has {header.Length}");
            rows.Add(row);
        }
        return new CsvTable(path, header, rows);
    }

    /// <summary>Index of column <paramref name="name"/>, or −1.</summary>
    public int Column(string name) => _index.TryGetValue(name, out int i) ? i : -1;

    /// <summary>Index of column <paramref name="name"/>; fails naming the file when it is missing.</summary>
    public int Require(string name) =>
        Column(name) is int i and >= 0 ? i : throw new ResultsFormatException(Path, null, $"missing column '{name}'");
}
