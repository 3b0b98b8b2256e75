using System.Text;

namespace Faas.Reporting.Report;

/// <summary>Renders report blocks as GitHub-flavoured Markdown (images by relative path).</summary>
public static class MarkdownRenderer
{
    public static string Render(IReadOnlyList<ReportBlock> blocks)
    {
        var sb = new StringBuilder();
        foreach (var b in blocks)
        {
            switch (b)
            {
                case ReportBlock.Heading h:
                    if (h.Level > 1 && h.Anchor.Length > 0) sb.Append("<a id=\"").Append(h.Anchor).Append("\"></a>\n\n");
                    sb.Append('#', h.Level).Append(' ').Append(h.Text).Append("\n\n");
                    break;
                case ReportBlock.Paragraph p:
                    sb.Append(p.Text).Append("\n\n");
                    break;
                case ReportBlock.Bullets l:
                    foreach (var item in l.Items) sb.Append("- ").Append(item).Append('\n');
                    sb.Append('\n');
                    break;
                case ReportBlock.Table t:
                    sb.Append("| ").Append(string.Join(" | ", t.Header.Select(Cell))).Append(" |\n");
                    sb.Append('|').Append(string.Join("|", t.Header.Select((_, i) => t.NumericColumns.Contains(i) ? "---:" : ":---"))).Append("|\n");
                    foreach (var row in t.Rows) sb.Append("| ").Append(string.Join(" | ", row.Select(Cell))).Append(" |\n");
                    sb.Append('\n');
                    break;
                case ReportBlock.Image img:
                    sb.Append("![").Append(img.Caption).Append("](").Append(img.Path.Replace(" ", "%20")).Append(")\n\n");
                    sb.Append('*').Append(img.Caption).Append("*\n\n");
                    break;
                case ReportBlock.Code c:
                    sb.Append("<details><summary>").Append(c.Summary).Append("</summary>\n\n");
                    sb.Append("```").Append(c.Language).Append('\n').Append(c.Text.TrimEnd('\n')).Append("\n```\n\n</details>\n\n");
                    break;
            }
        }
        return sb.ToString().TrimEnd('\n') + "\n";
    }

    private static string Cell(string s) => s.Replace("|", "\\|").Replace("\n", " ");
}
