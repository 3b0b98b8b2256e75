using System.Text;
using System.Text.RegularExpressions;

namespace Faas.Cli.Tests.Docs;

/// <summary>A fenced code block: its info word (<c>sh</c>, <c>console</c>, <c>yaml</c>, empty...) and its lines with their 1-based line numbers.</summary>
internal sealed record FencedBlock(string Info, int Line, IReadOnlyList<(int Line, string Text)> Lines);

/// <summary>An inline code span outside fenced blocks, with the line it starts on.</summary>
internal sealed record CodeSpan(int Line, string Text);

/// <summary>A link or image target outside code, with the line it is on.</summary>
internal sealed record LinkTarget(int Line, string Target);

/// <summary>
/// The parts of a Markdown page the documentation checks read: fenced blocks, inline code spans,
/// link targets and heading anchors. Enough CommonMark for this repository's pages (fences of
/// three or more backticks or tildes, code spans within a paragraph, inline links), not a full parser.
/// </summary>
internal sealed partial class MarkdownDoc
{
    public List<FencedBlock> Blocks { get; } = [];
    public List<CodeSpan> Spans { get; } = [];
    public List<LinkTarget> Links { get; } = [];

    /// <summary>The anchors GitHub gives the headings (lowercase, punctuation dropped, spaces to hyphens, -1, -2 for repeats).</summary>
    public HashSet<string> Anchors { get; } = new(StringComparer.Ordinal);

    public static MarkdownDoc Parse(string text)
    {
        var doc = new MarkdownDoc();
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var paragraph = new List<(int Line, string Text)>();
        var anchorCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < lines.Length; i++)
        {
            var fence = FenceOpen().Match(lines[i]);
            if (fence.Success)
            {
                doc.ReadParagraph(paragraph);
                string marker = fence.Groups["fence"].Value;
                var body = new List<(int, string)>();
                int j = i + 1;
                for (; j < lines.Length; j++)
                {
                    string t = lines[j].Trim();
                    if (t.Length >= marker.Length && t.All(ch => ch == marker[0]) && t.StartsWith(marker, StringComparison.Ordinal)) break;
                    body.Add((j + 1, lines[j]));
                }
                doc.Blocks.Add(new FencedBlock(fence.Groups["info"].Value.ToLowerInvariant(), i + 1, body));
                i = j;
                continue;
            }
            if (lines[i].Trim().Length == 0)
            {
                doc.ReadParagraph(paragraph);
                continue;
            }
            var heading = Heading().Match(lines[i]);
            if (heading.Success)
            {
                doc.ReadParagraph(paragraph);
                string slug = Slug(heading.Groups["text"].Value);
                int seen = anchorCounts.GetValueOrDefault(slug);
                anchorCounts[slug] = seen + 1;
                doc.Anchors.Add(seen == 0 ? slug : $"{slug}-{seen}");
            }
            paragraph.Add((i + 1, lines[i]));
        }
        doc.ReadParagraph(paragraph);
        return doc;
    }

    /// <summary>GitHub's heading anchor: the heading's text without Markdown marks, lowercased, characters other than letters, digits, '_', '-' and spaces removed, spaces turned into hyphens.</summary>
    public static string Slug(string heading)
    {
        string plain = LinkMarkup().Replace(heading, "$1").Replace("`", "").Replace("*", "").Trim();
        var sb = new StringBuilder();
        foreach (char c in plain.ToLowerInvariant())
        {
            if (c == ' ') sb.Append('-');
            else if (char.IsLetterOrDigit(c) || c is '_' or '-') sb.Append(c);
        }
        return sb.ToString();
    }

    private void ReadParagraph(List<(int Line, string Text)> paragraph)
    {
        if (paragraph.Count == 0) return;
        int first = paragraph[0].Line;
        string text = string.Join("\n", paragraph.Select(p => p.Text));
        int LineOf(int index) => first + text.AsSpan(0, index).Count('\n');
        var withoutCode = new StringBuilder(text);
        foreach (Match m in CodeSpanPattern().Matches(text))
        {
            Spans.Add(new CodeSpan(LineOf(m.Index), m.Groups["code"].Value.Replace('\n', ' ').Trim()));
            for (int k = m.Index; k < m.Index + m.Length; k++) if (withoutCode[k] != '\n') withoutCode[k] = ' ';
        }
        string prose = withoutCode.ToString();
        foreach (Match m in LinkPattern().Matches(prose)) Links.Add(new LinkTarget(LineOf(m.Index), m.Groups["target"].Value));
        paragraph.Clear();
    }

    [GeneratedRegex(@"^\s{0,3}(?<fence>`{3,}|~{3,})\s*(?<info>[^\s`]*)")]
    private static partial Regex FenceOpen();

    [GeneratedRegex(@"^\s{0,3}#{1,6}\s+(?<text>.*?)\s*#*\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"(?<ticks>`+)(?<code>.+?)(?<!`)\k<ticks>(?!`)", RegexOptions.Singleline)]
    private static partial Regex CodeSpanPattern();

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex LinkMarkup();
}
