using System.CommandLine;
using System.Text.RegularExpressions;

namespace Faas.Cli.Tests.Docs;

/// <summary>
/// Checks the <c>faas-sim</c> commands of documentation pages against the real command tree
/// (<see cref="CliApp.Build"/>), so the pages cannot drift from the CLI. The marker convention
/// (stated for authors in README.md, "Writing these pages"):
/// <list type="bullet">
/// <item><c>```sh</c> (or <c>bash</c>, <c>shell</c>): every line is a command line.</item>
/// <item><c>```console</c>: a transcript; lines starting with <c>$ </c> are commands, the lines
/// after one are what it prints.</item>
/// <item>Any other block (<c>```text</c>, <c>```yaml</c>, no info word): an illustration, never
/// run; it must not contain a <c>$ </c> line (a transcript must be marked <c>console</c>).</item>
/// <item>Inline code starting with <c>faas-sim</c> (prose and tables): a synopsis; its
/// <c>&lt;placeholders&gt;</c>, <c>[optional parts]</c> and <c>a|b</c> alternatives are allowed,
/// but the command must exist and every option it names must be one of that command's.</item>
/// </list>
/// Every command of a <c>sh</c> or <c>console</c> block must parse with no error. Simulation
/// commands (<see cref="Runnable"/>) also run, in process, and must exit 0: output paths
/// (<c>--out</c> values, anything under <c>results/</c>, absolute paths, and paths inside an
/// earlier <c>--out</c> of the same page) are moved into a temporary folder, repository files are
/// read where they are, and in <c>sh</c> blocks long runs are capped (<see cref="Caps"/>). A
/// <c>console</c> command runs exactly as written and what it prints must be what the page
/// shows (a line <c>...</c> stands for any lines; the wall time "in 0.4 s" is not compared).
/// Real-mode, Slurm and fidelity commands need a server, Docker or a cluster, so they are only parsed.
/// </summary>
internal sealed partial class DocCommandChecker : IDisposable
{
    /// <summary>
    /// Top-level commands that run in the test (simulation, files, charts); the rest are only parsed,
    /// and so is <c>bench --trace-scale</c>, whose smallest point is 10^6 calls per model (tens of seconds).
    /// </summary>
    public static readonly IReadOnlySet<string> Runnable = new HashSet<string>(StringComparer.Ordinal)
    {
        "run", "validate", "models", "plot", "report", "rerun", "merge", "lambda-validation", "bench",
    };

    /// <summary>
    /// Options added to a command of a <c>sh</c> block when it does not give them, so that every
    /// page runs in seconds: runs capped at 2 simulated minutes and one replication (a trace
    /// sample replays ~20,000 calls per model in that time), the Lambda validation at 20,000 calls and two replications per
    /// experiment (its least), the population benchmark at 100,000 calls of 100 functions. Every shard of a sharded sweep gets the
    /// same caps, so a documented merge still sees one consistent set.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, (string Option, string Value)[]> Caps = new Dictionary<string, (string, string)[]>
    {
        ["run"] = [("--max-duration", "2m"), ("--replications", "1")],
        ["lambda-validation"] = [("--calls", "20000"), ("--replications", "2")],
        ["bench"] = [("--calls", "100000"), ("--functions", "100")],
    };

    private static readonly HashSet<string> ScriptInfos = new(StringComparer.Ordinal) { "sh", "bash", "shell" };

    private readonly string _repo;
    private readonly string _tmp = Directory.CreateTempSubdirectory("faas-docs-").FullName;
    private readonly RootCommand _root = CliApp.Build(TextWriter.Null, TextWriter.Null);
    private readonly List<string> _outputs = [];
    private string _page = "";

    public DocCommandChecker(string repoRoot) => _repo = Path.GetFullPath(repoRoot);

    public List<string> Problems { get; } = [];

    /// <summary>Leaf commands (e.g. "run", "slurm submit") a checked command or synopsis names.</summary>
    public HashSet<string> Documented { get; } = new(StringComparer.Ordinal);

    public int Parsed { get; private set; }
    public int Ran { get; private set; }
    public int OutputsCompared { get; private set; }
    public int Synopses { get; private set; }

    /// <summary>Checks one page; <paramref name="label"/> names it in problems (e.g. docs/cluster.md).</summary>
    public void CheckPage(string markdown, string label)
    {
        _page = label;
        var doc = MarkdownDoc.Parse(markdown);
        foreach (var block in doc.Blocks)
        {
            if (ScriptInfos.Contains(block.Info)) CheckScript(block);
            else if (block.Info == "console") CheckTranscript(block);
            else
            {
                foreach (var (line, text) in block.Lines)
                    if (text.TrimStart().StartsWith("$ ", StringComparison.Ordinal))
                        Problem(line, "a '$ ' transcript line in a block not marked ```console (mark it console, or drop the '$' if it is not a command)", text.Trim());
            }
        }
        foreach (var span in doc.Spans)
            if (span.Text == "faas-sim" || span.Text.StartsWith("faas-sim ", StringComparison.Ordinal)) CheckSynopsis(span);
    }

    private void CheckScript(FencedBlock block)
    {
        foreach (var (line, text) in ShellWords.LogicalLines(block.Lines))
            foreach (var words in ShellWords.Commands(text))
                CheckCommand(line, words, capped: true, expected: null);
    }

    private void CheckTranscript(FencedBlock block)
    {
        var lines = block.Lines;
        for (int i = 0; i < lines.Count; i++)
        {
            string t = lines[i].Text.TrimStart();
            if (!t.StartsWith("$ ", StringComparison.Ordinal)) continue;
            var cmd = new List<(int, string)> { (lines[i].Line, t[2..]) };
            while (cmd[^1].Item2.EndsWith('\\') && i + 1 < lines.Count) cmd.Add(lines[++i]);
            var output = new List<string>();
            while (i + 1 < lines.Count && !lines[i + 1].Text.TrimStart().StartsWith("$ ", StringComparison.Ordinal)) output.Add(lines[++i].Text);
            var (line, text) = ShellWords.LogicalLines(cmd).Single();
            var commands = ShellWords.Commands(text);
            for (int k = 0; k < commands.Count; k++)
                CheckCommand(line, commands[k], capped: false, expected: commands.Count == 1 ? output : null);
        }
    }

    private void CheckCommand(int line, List<string> words, bool capped, List<string>? expected)
    {
        string shown = string.Join(' ', words);
        if (words[0] == "head")
        {
            if (expected is not null) CompareHead(line, words, expected);
            return;
        }
        if (words[0] != "faas-sim")
        {
            string w = words[0];
            if (w.Contains('/') && !Path.IsPathRooted(w) && !w.Contains('$') && !File.Exists(Path.Combine(_repo, w)))
                Problem(line, $"no file {w} in the repository", shown);
            return;
        }
        var args = words.Skip(1).ToList();
        var parse = _root.Parse(args);
        Parsed++;
        if (parse.Errors.Count > 0)
        {
            Problem(line, "does not parse: " + string.Join("; ", parse.Errors.Select(e => e.Message)), shown);
            return;
        }
        var (path, leaf, _) = Resolve(args);
        if (leaf.Subcommands.Count == 0) Documented.Add(path);
        if (!IsRunnable(args, path) || args.Any(a => a.Contains('$'))) return;

        var run = Rewrite(args, leaf, capped ? CapsFor(path) : []);
        var (exit, stdout, stderr) = CliApp.RunCaptured([.. run]);
        Ran++;
        if (exit != 0)
        {
            Problem(line, $"exit {exit} (ran: faas-sim {string.Join(' ', run)}): {stderr.Trim()}", shown);
            return;
        }
        if (expected is not null && expected.Any(l => l.Trim().Length > 0))
        {
            OutputsCompared++;
            CompareOutput(line, shown, expected, Unmap(stdout));
        }
    }

    private static bool IsRunnable(List<string> args, string path)
    {
        if (args.Any(a => a is "--help" or "-h" or "-?")) return true;
        if (path == "slurm submit") return args.Contains("--dry-run");
        if (path == "bench" && args.Contains("--trace-scale")) return false;
        return Runnable.Contains(path.Split(' ')[0]);
    }

    private static (string Option, string Value)[] CapsFor(string path) => Caps.TryGetValue(path, out var caps) ? caps : [];

    /// <summary>The command path ("slurm submit"), its command, and how many leading words named it.</summary>
    private (string Path, Command Leaf, int Words) Resolve(IReadOnlyList<string> args)
    {
        Command cmd = _root;
        var names = new List<string>();
        int i = 0;
        for (; i < args.Count; i++)
        {
            var sub = cmd.Subcommands.FirstOrDefault(s => s.Name == args[i] || s.Aliases.Contains(args[i]));
            if (sub is null) break;
            cmd = sub;
            names.Add(sub.Name);
        }
        return (string.Join(' ', names), cmd, i);
    }

    /// <summary>The arguments to run: output paths moved to the temporary folder, repository paths made absolute, globs expanded, caps and repository-file defaults added.</summary>
    private List<string> Rewrite(List<string> args, Command leaf, (string Option, string Value)[] caps)
    {
        var outOption = leaf.Options.FirstOrDefault(o => o.Name == "--out");
        var run = new List<string>();
        for (int i = 0; i < args.Count; i++)
        {
            string a = args[i];
            if (outOption is not null && Names(outOption).Contains(a) && i + 1 < args.Count)
            {
                string original = Normal(args[++i]);
                _outputs.Add(original);
                string mapped = Map(original);
                Directory.CreateDirectory(Path.GetDirectoryName(mapped)!);
                run.Add(a);
                run.Add(mapped);
                continue;
            }
            if (a.StartsWith('-')) { run.Add(a); continue; }
            run.AddRange(Value(a));
        }
        foreach (var (option, value) in caps)
            if (!Names(leaf.Options.First(o => o.Name == option)).Any(args.Contains)) run.AddRange([option, value]);
        foreach (var o in leaf.Options)
        {
            // An option whose default is a repository file (lambda-validation --data) is read from the repository, not the test's folder.
            if (Names(o).Any(args.Contains) || !o.HasDefaultValue || o.GetDefaultValue() is not string d) continue;
            if (!Path.IsPathRooted(d) && File.Exists(Path.Combine(_repo, d))) run.AddRange([o.Name, Path.Combine(_repo, d)]);
        }
        return run;
    }

    private IEnumerable<string> Value(string a)
    {
        string n = Normal(a);
        if (Path.IsPathRooted(n) || n == "results" || n.StartsWith("results/", StringComparison.Ordinal) || _outputs.Any(o => Related(o, n)))
            return [Map(n)];
        if (n.IndexOfAny(['*', '?']) >= 0)
        {
            string dir = Path.Combine(_repo, Path.GetDirectoryName(n) ?? "");
            var hits = Directory.Exists(dir) ? Directory.GetFiles(dir, Path.GetFileName(n)).Order(StringComparer.Ordinal).ToArray() : [];
            return hits.Length > 0 ? hits : [a];
        }
        string inRepo = Path.Combine(_repo, n);
        return File.Exists(inRepo) || Directory.Exists(inRepo) ? [inRepo] : [a];
    }

    private static bool Related(string a, string b) =>
        a == b || a.StartsWith(b + "/", StringComparison.Ordinal) || b.StartsWith(a + "/", StringComparison.Ordinal);

    private static string Normal(string p)
    {
        string n = p.Length > 1 ? p.TrimEnd('/') : p;
        return n.StartsWith("./", StringComparison.Ordinal) ? n[2..] : n;
    }

    private string Map(string p) => Path.IsPathRooted(p) ? _tmp + "/abs" + p : _tmp + "/rel/" + p;

    /// <summary>Output as the page shows it: temporary and repository paths back to the ones written.</summary>
    private string Unmap(string s) => s.Replace(_tmp + "/rel/", "").Replace(_tmp + "/abs", "").Replace(_repo + "/", "");

    private static IEnumerable<string> Names(Option o) => o.Aliases.Prepend(o.Name);

    private void CompareHead(int line, List<string> words, List<string> expected)
    {
        int n = 10;
        string? file = null;
        for (int i = 1; i < words.Count; i++)
        {
            if (words[i] == "-n" && i + 1 < words.Count) n = int.Parse(words[++i]);
            else if (words[i].StartsWith('-') && int.TryParse(words[i][1..], out int k)) n = k;
            else file = words[i];
        }
        string? path = file is null ? null : Value(file).Single();
        if (path is null || !File.Exists(path))
        {
            Problem(line, $"head: no file {file} (was it written by a command above?)", string.Join(' ', words));
            return;
        }
        OutputsCompared++;
        CompareOutput(line, string.Join(' ', words), expected, string.Join('\n', File.ReadLines(path).Take(n)));
    }

    private void CompareOutput(int line, string shown, List<string> expected, string actual)
    {
        var want = Trim(expected.Select(Mask).ToList());
        var got = Trim(actual.Replace("\r\n", "\n").Split('\n').Select(Mask).ToList());
        if (Matches(want, 0, got, 0)) return;
        int d = 0;
        while (d < want.Count && d < got.Count && want[d] == got[d]) d++;
        Problem(line, $"the output shown is not what the command prints; first difference at output line {d + 1}:\n  shown:  {(d < want.Count ? want[d] : "(nothing)")}\n  prints: {(d < got.Count ? got[d] : "(nothing)")}", shown);
    }

    private static List<string> Trim(List<string> lines)
    {
        var l = lines.Select(x => x.TrimEnd()).ToList();
        while (l.Count > 0 && l[^1].Length == 0) l.RemoveAt(l.Count - 1);
        return l;
    }

    /// <summary>Line-by-line equality where an expected "..." line matches any number of lines.</summary>
    private static bool Matches(List<string> want, int i, List<string> got, int j)
    {
        if (i == want.Count) return j == got.Count;
        if (want[i].Trim() is "..." or "…")
        {
            for (int k = j; k <= got.Count; k++) if (Matches(want, i + 1, got, k)) return true;
            return false;
        }
        return j < got.Count && want[i] == got[j] && Matches(want, i + 1, got, j + 1);
    }

    private static string Mask(string line) => WallTime().Replace(line, " in <t> s");

    private void CheckSynopsis(CodeSpan span)
    {
        Synopses++;
        var words = span.Text.Replace("...", " ").Replace("…", " ").Replace("[", " ").Replace("]", " ")
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        var (path, leaf, used) = Resolve(words);
        if (used < words.Count && leaf.Subcommands.Count > 0 && !words[used].StartsWith('-') && !words[used].StartsWith('<'))
        {
            // "slurm submit|status|resubmit": each alternative must be a subcommand (a leaf is then documented).
            foreach (string alt in words[used].Replace("\\|", "|").Split('|'))
            {
                var sub = leaf.Subcommands.FirstOrDefault(s => s.Name == alt || s.Aliases.Contains(alt));
                if (sub is null) Problem(span.Line, $"'{alt}' is not a command of faas-sim{(path.Length > 0 ? " " + path : "")}", span.Text);
                else if (sub.Subcommands.Count == 0) Documented.Add((path + " " + sub.Name).Trim());
            }
            return;
        }
        if (leaf.Subcommands.Count == 0) Documented.Add(path);
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var o in leaf.Options) known.UnionWith(Names(o));
        foreach (var o in _root.Options.Where(o => o.Recursive)) known.UnionWith(Names(o));
        foreach (string w in words.Skip(used))
        {
            if (!w.StartsWith('-') || w == "-" || w == "--") continue;
            string name = w.Split('=')[0].TrimEnd(',', ';', ')');
            if (!known.Contains(name)) Problem(span.Line, $"faas-sim {path} has no option {name}", span.Text);
        }
    }

    private void Problem(int line, string what, string command) => Problems.Add($"{_page}:{line}: {what}\n    {command}");

    public void Dispose()
    {
        try { Directory.Delete(_tmp, true); } catch (IOException) { }
    }

    [GeneratedRegex(@" in \d+(\.\d+)? s\b")]
    private static partial Regex WallTime();
}
