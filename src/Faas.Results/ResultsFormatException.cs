namespace Faas.Results;

/// <summary>
/// Thrown when a results CSV is missing, has no header, lacks a required column, or holds a
/// row that cannot be read. The message always names the file and, for a bad row, the row
/// number (the header is row 1, so the number matches the line in a text editor) and column.
/// </summary>
public sealed class ResultsFormatException : Exception
{
    /// <summary>Creates the exception; <paramref name="row"/> is null for file-level problems.</summary>
    public ResultsFormatException(string filePath, int? row, string problem, Exception? inner = null)
        : base(Compose(filePath, row, problem), inner)
    {
        FilePath = filePath;
        Row = row;
        Problem = problem;
    }

    /// <summary>The CSV file that could not be read.</summary>
    public string FilePath { get; }

    /// <summary>1-based row number (header = row 1), or null when the problem is not tied to a row.</summary>
    public int? Row { get; }

    /// <summary>What was wrong, without the file and row prefix.</summary>
    public string Problem { get; }

    private static string Compose(string filePath, int? row, string problem) =>
        row is { } r ? $"{filePath}: row {r}: {problem}" : $"{filePath}: {problem}";
}
