using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Faas.Reporting.Report;

/// <summary>
/// Renders report blocks as one self-contained HTML page: charts are embedded as base64
/// <c>data:</c> URIs, so the file can be mailed or archived alone.
/// </summary>
public static partial class HtmlRenderer
{
    private const string Style = """
        body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; max-width: 1000px; margin: 2em auto; padding: 0 1em; color: #222; line-height: 1.45; }
        h1, h2, h3 { line-height: 1.2; } h2 { border-bottom: 1px solid #ddd; padding-bottom: .2em; margin-top: 2em; }
        table { border-collapse: collapse; margin: 1em 0; font-size: 90%; }
        th, td { border: 1px solid #ccc; padding: .3em .6em; } th { background: #f3f3f3; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        figure { margin: 1em 0; } figure img { max-width: 100%; border: 1px solid #eee; } figcaption { font-style: italic; color: #555; font-size: 90%; }
        code { background: #f5f5f5; padding: 0 .2em; } pre { background: #f7f7f7; padding: .8em; overflow-x: auto; font-size: 85%; }
        details { margin: 1em 0; } summary { cursor: pointer; color: #444; }
        """;

    [GeneratedRegex(@"\*\*(.+?)\*\*")]
    private static partial Regex Bold();

    [GeneratedRegex(@"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")]
    private static partial Regex Italic();

    [GeneratedRegex(@"`([^`]+)`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"\[([^\]]+)\]\(([^)\s]+)\)")]
    private static partial Regex Link();

    public static string Render(string title, IReadOnlyList<ReportBlock> blocks)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(Esc(title)).Append("</title>\n<style>\n")
          .Append(Style).Append("\n</style>\n</head>\n<body>\n");
        foreach (var b in blocks)
        {
            switch (b)
            {
                case ReportBlock.Heading h:
                    sb.Append($"<h{h.Level} id=\"{Esc(h.Anchor)}\">").Append(Inline(h.Text)).Append($"</h{h.Level}>\n");
                    break;
                case ReportBlock.Paragraph p:
                    sb.Append("<p>").Append(Inline(p.Text)).Append("</p>\n");
                    break;
                case ReportBlock.Bullets l:
                    sb.Append("<ul>\n");
                    foreach (var item in l.Items) sb.Append("<li>").Append(Inline(item)).Append("</li>\n");
                    sb.Append("</ul>\n");
                    break;
                case ReportBlock.Table t:
                    sb.Append("<table>\n<tr>");
                    foreach (var h in t.Header) sb.Append("<th>").Append(Inline(h)).Append("</th>");
                    sb.Append("</tr>\n");
                    foreach (var row in t.Rows)
                    {
                        sb.Append("<tr>");
                        for (int i = 0; i < row.Count; i++)
                            sb.Append(t.NumericColumns.Contains(i) ? "<td class=\"num\">" : "<td>").Append(Inline(row[i])).Append("</td>");
                        sb.Append("</tr>\n");
                    }
                    sb.Append("</table>\n");
                    break;
                case ReportBlock.Image img:
                    string src = File.Exists(img.FullPath)
                        ? "data:image/png;base64," + Convert.ToBase64String(File.ReadAllBytes(img.FullPath))
                        : img.Path;
                    sb.Append("<figure><img src=\"").Append(src).Append("\" alt=\"").Append(Esc(img.Caption)).Append("\">")
                      .Append("<figcaption>").Append(Inline(img.Caption)).Append("</figcaption></figure>\n");
                    break;
                case ReportBlock.Code c:
                    sb.Append("<details><summary>").Append(Inline(c.Summary)).Append("</summary>\n<pre><code>")
                      .Append(Esc(c.Text.TrimEnd('\n'))).Append("</code></pre>\n</details>\n");
                    break;
            }
        }
        sb.Append("</body>\n</html>\n");
        return sb.ToString();
    }

    /// <summary>Escapes, then turns the inline markup into tags (links to *.md anchors stay in-page).</summary>
    private static string Inline(string text)
    {
        string s = Esc(text);
        s = CodeSpan().Replace(s, "<code>$1</code>");
        s = Bold().Replace(s, "<strong>$1</strong>");
        s = Italic().Replace(s, "<em>$1</em>");
        s = Link().Replace(s, "<a href=\"$2\">$1</a>");
        return s;
    }

    private static string Esc(string s) => WebUtility.HtmlEncode(s);
}
