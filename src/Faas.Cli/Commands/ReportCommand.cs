using System.CommandLine;
using Faas.Experiments;
using Faas.Reporting.Report;
using Faas.Results;

namespace Faas.Cli.Commands;

/// <summary><c>report &lt;results-root&gt; [--out REPORT.md]</c>: writes the Markdown report and its self-contained HTML twin from result CSVs, manifests and charts.</summary>
public static class ReportCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var root = new Argument<string>("results-root") { Description = "A folder of experiment results folders (e.g. results/), or one results folder." };
        var outFile = new Option<string?>("--out", "-o") { Description = "Markdown file to write (default: <results-root>/REPORT.md); the HTML version goes next to it." };
        var cmd = new Command("report", "Write REPORT.md and REPORT.html: per experiment the question, setup, charts and measured answer with 95% CIs, and a verdict per claim of the seed.")
        {
            root, outFile,
        };
        cmd.SetAction(p =>
        {
            string dir = p.GetValue(root)!;
            string md = p.GetValue(outFile) ?? Path.Combine(dir, "REPORT.md");
            try
            {
                var experiments = ReportBuilder.LoadAll(dir);
                var (markdown, html) = ReportBuilder.Write(dir, md);
                foreach (var c in Enumerable.Range(1, ClaimRules.Statements.Count))
                {
                    var v = ClaimRules.Judge(c, experiments.Where(e => e.Claims.Contains(c)).ToList(), experiments);
                    stdout.WriteLine($"claim {c}: {v.VerdictText}{(v.Summary.Length > 0 ? " - " + v.Summary : "")}");
                }
                stdout.WriteLine($"wrote {markdown} and {html} ({experiments.Count} experiments)");
            }
            catch (ResultsFormatException e)
            {
                throw new BadInputException(e.Message);
            }
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
