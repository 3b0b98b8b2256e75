namespace Faas.Reporting.Report;

/// <summary>
/// A block of the report, rendered to Markdown and to HTML alike. Text may use a small inline
/// markup: <c>**bold**</c>, <c>*italic*</c>, <c>`code`</c> and <c>[text](url)</c>.
/// </summary>
public abstract record ReportBlock
{
    /// <summary>A heading; <paramref name="Anchor"/> is its link target (a slug).</summary>
    public sealed record Heading(int Level, string Text, string Anchor) : ReportBlock;

    public sealed record Paragraph(string Text) : ReportBlock;

    public sealed record Bullets(IReadOnlyList<string> Items) : ReportBlock;

    /// <summary>A table; <paramref name="NumericColumns"/> marks right-aligned columns.</summary>
    public sealed record Table(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlySet<int> NumericColumns) : ReportBlock;

    /// <summary>A chart: <paramref name="Path"/> relative to the report, <paramref name="FullPath"/> to embed it.</summary>
    public sealed record Image(string Path, string FullPath, string Caption) : ReportBlock;

    /// <summary>Verbatim text, folded away under <paramref name="Summary"/>.</summary>
    public sealed record Code(string Language, string Text, string Summary) : ReportBlock;
}
