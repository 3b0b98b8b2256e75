using System.Text;

namespace Faas.Cli.Tests.Docs;

/// <summary>
/// The small part of POSIX shell syntax the documentation's command lines use, enough to find the
/// words of each simple command: single and double quotes, backslash escapes, comments (a word
/// starting with <c>#</c>), and the separators <c>;</c> <c>&amp;&amp;</c> <c>||</c> <c>|</c>
/// <c>&amp;</c> between commands. Leading <c>do</c>/<c>then</c>/<c>else</c> keywords and
/// <c>NAME=value</c> assignments are dropped, so the command word comes first. Variables
/// (<c>$s</c>), globs and redirections are left as written: the caller decides what to do with them.
/// </summary>
internal static class ShellWords
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal) { "do", "then", "else", "sudo" };

    /// <summary>The simple commands of one logical line (continuation backslashes already joined), each as its words.</summary>
    public static List<List<string>> Commands(string line)
    {
        var commands = new List<List<string>>();
        var words = new List<string>();
        var word = new StringBuilder();
        bool inWord = false, single = false, dbl = false;

        void EndWord()
        {
            if (inWord) words.Add(word.ToString());
            word.Clear();
            inWord = false;
        }
        void EndCommand()
        {
            EndWord();
            while (words.Count > 0 && (Keywords.Contains(words[0]) || IsAssignment(words[0]))) words.RemoveAt(0);
            if (words.Count > 0) commands.Add(words);
            words = [];
        }

        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (single)
            {
                if (c == '\'') single = false; else word.Append(c);
                continue;
            }
            if (dbl)
            {
                if (c == '"') dbl = false;
                else if (c == '\\' && i + 1 < line.Length && line[i + 1] is '"' or '\\' or '$' or '`') word.Append(line[++i]);
                else word.Append(c);
                continue;
            }
            switch (c)
            {
                case '\'': single = true; inWord = true; break;
                case '"': dbl = true; inWord = true; break;
                case '\\' when i + 1 < line.Length: word.Append(line[++i]); inWord = true; break;
                case '#' when !inWord: EndCommand(); return commands;
                case ' ' or '\t': EndWord(); break;
                case ';' or '|' or '&':
                    if (i + 1 < line.Length && line[i + 1] == c && c != ';') i++; // && and ||
                    EndCommand();
                    break;
                default: word.Append(c); inWord = true; break;
            }
        }
        EndCommand();
        return commands;
    }

    /// <summary>Joins lines ending in a backslash with the next, keeping the first line's number: (line number, text).</summary>
    public static IEnumerable<(int Line, string Text)> LogicalLines(IReadOnlyList<(int Line, string Text)> lines)
    {
        for (int i = 0; i < lines.Count; i++)
        {
            int start = lines[i].Line;
            var text = new StringBuilder(lines[i].Text);
            while (text.Length > 0 && text[^1] == '\\' && i + 1 < lines.Count)
            {
                text.Length--;
                text.Append(' ').Append(lines[++i].Text);
            }
            yield return (start, text.ToString());
        }
    }

    private static bool IsAssignment(string w)
    {
        int eq = w.IndexOf('=');
        return eq > 0 && w[..eq].All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_') && !char.IsAsciiDigit(w[0]);
    }
}
