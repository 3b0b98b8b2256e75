using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Faas.Results;

/// <summary>The one CSV dialect of every file Faas.Sim writes: comma, header row, InvariantCulture, '\n' line ends, fixed decimals (byte-identical across runs and machines).</summary>
public static class CsvFormat
{
    public static CsvConfiguration Configuration { get; } = new(CultureInfo.InvariantCulture)
    {
        NewLine = "\n",
        HasHeaderRecord = true,
    };

    public static CsvWriter Writer(TextWriter w) => new(w, Configuration, leaveOpen: true);

    /// <summary>A writer with its header row written: <paramref name="header"/>, then <paramref name="extraColumns"/> (e.g. sweep parameters).</summary>
    public static CsvWriter Writer(TextWriter w, IEnumerable<string> header, IReadOnlyList<string>? extraColumns)
    {
        var csv = Writer(w);
        foreach (var h in header) csv.WriteField(h);
        foreach (var h in extraColumns ?? []) csv.WriteField(h);
        csv.NextRecord();
        return csv;
    }

    /// <summary>Milliseconds from microseconds, 3 decimals.</summary>
    public static string Ms(long micros) => (micros / 1000.0).ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>A number with up to <paramref name="decimals"/> decimals; NaN as empty.</summary>
    public static string Num(double v, int decimals = 6) =>
        double.IsNaN(v) ? "" : Math.Round(v, decimals).ToString("0." + new string('#', decimals), CultureInfo.InvariantCulture);

    public static string Int(long v) => v.ToString(CultureInfo.InvariantCulture);
}
