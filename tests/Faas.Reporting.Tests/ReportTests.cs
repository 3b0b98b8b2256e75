using System.Globalization;
using System.Text.RegularExpressions;
using Faas.Experiments;
using Faas.Reporting.Report;
using Faas.Results;
using Faas.TestSupport;

namespace Faas.Reporting.Tests;

/// <summary>The report quotes summary_ci.csv and nothing else, and judges claims by its stated rules.</summary>
public partial class ReportTests
{
    [GeneratedRegex(@"(?<m>\d+(?:\.\d+)?)(?<u>%| ms| GB·h)? \((?:95% CI (?<lo>\d+(?:\.\d+)?)–(?<hi>\d+(?:\.\d+)?))\)")]
    private static partial Regex Interval();

    [GeneratedRegex(@"\| (?<m>\d+(?:\.\d+)?) ± (?<h>\d+(?:\.\d+)?) ")]
    private static partial Regex PlusMinus();

    private static string BuildReport(TempFolder tmp)
    {
        string root = tmp.Sub("results");
        ExperimentRunner.Run(ExperimentLoader.Load(ExperimentYaml.Plain, "plain.yaml"), new ExperimentOptions(Path.Combine(root, "plain-test"), Workers: 2));
        ExperimentRunner.Run(ExperimentLoader.Load(ExperimentYaml.Sweep, "sweep.yaml"), new ExperimentOptions(Path.Combine(root, "sweep-test"), Workers: 2));
        var (md, _) = ReportBuilder.Write(root, Path.Combine(root, "REPORT.md"));
        return File.ReadAllText(md);
    }

    private static int Decimals(string number) => number.Contains('.') ? number.Length - number.IndexOf('.') - 1 : 0;

    private static string F(double v, int d) => v.ToString("F" + d, CultureInfo.InvariantCulture);

    [Fact]
    public void Every_interval_in_the_report_is_a_row_of_a_cited_summary_ci_csv()
    {
        using var tmp = new TempFolder();
        string report = BuildReport(tmp);
        var estimates = Directory.GetFiles(tmp.Sub("results"), SummaryCiCsv.FileName, SearchOption.AllDirectories).SelectMany(SummaryCiCsv.Read).ToList();

        var matches = Interval().Matches(report);
        Assert.True(matches.Count >= 10, $"only {matches.Count} intervals quoted");
        foreach (Match x in matches)
        {
            string u = x.Groups["u"].Value, m = x.Groups["m"].Value, lo = x.Groups["lo"].Value, hi = x.Groups["hi"].Value;
            int d = Decimals(m);
            var (scale, metric) = u switch
            {
                "%" => (100.0, (Func<string, bool>)(s => s.EndsWith("_fraction", StringComparison.Ordinal))),
                " ms" => (1.0, s => s.EndsWith("_ms", StringComparison.Ordinal)),
                " GB·h" => (1 / 3600.0, s => s == "idle_mem_gb_s"),
                _ => (1.0, _ => true),
            };
            Assert.True(estimates.Any(e => metric(e.Metric)
                    && F(e.Estimate.Mean * scale, d) == m && F(e.Estimate.Low * scale, d) == lo && F(e.Estimate.High * scale, d) == hi),
                $"'{x.Value}' is not in any summary_ci.csv");
        }
    }

    [Fact]
    public void Every_table_cell_with_a_plus_minus_is_a_mean_and_half_width_of_summary_ci_csv()
    {
        using var tmp = new TempFolder();
        string report = BuildReport(tmp);
        var estimates = Directory.GetFiles(tmp.Sub("results"), SummaryCiCsv.FileName, SearchOption.AllDirectories).SelectMany(SummaryCiCsv.Read).ToList();

        var matches = PlusMinus().Matches(report);
        Assert.True(matches.Count >= 20, $"only {matches.Count} cells");
        foreach (Match x in matches)
        {
            string m = x.Groups["m"].Value, h = x.Groups["h"].Value;
            int d = Decimals(m);
            Assert.True(estimates.Any(e => new[] { 1.0, 100, 1 / 3600.0 }.Any(s => F(e.Estimate.Mean * s, d) == m && F(e.Estimate.HalfWidth * s, d) == h)),
                $"'{x.Value}' is not in any summary_ci.csv");
        }
    }

    [Fact]
    public void Report_has_a_section_per_experiment_with_question_setup_source_and_a_verdict_per_claim()
    {
        using var tmp = new TempFolder();
        string report = BuildReport(tmp);

        Assert.Contains("### plain-test (claim 3)", report);
        Assert.Contains("### sweep-test (claim 3)", report);
        Assert.Contains("**Question.** Many functions share a runtime.", report);
        Assert.Contains("**Setup.** 30 min of simulated calls, 3 replications (root seed 42).", report);
        Assert.Contains("from `plain-test/summary_ci.csv`", report);
        foreach (int c in Enumerable.Range(1, 5)) Assert.Contains($"### Claim {c}: ", report);
        Assert.Contains("### Claim 1: not tested", report);
        Assert.Contains("functions \\ mean interval", report); // the crossover table of the sweep
        Assert.True(File.Exists(tmp.Sub("results/REPORT.html")));
    }

    [Fact]
    public void Html_report_embeds_the_charts()
    {
        using var tmp = new TempFolder();
        string root = tmp.Sub("results");
        ExperimentRunner.Run(ExperimentLoader.Load(ExperimentYaml.Plain, "plain.yaml"), new ExperimentOptions(Path.Combine(root, "plain-test"), Workers: 2, MaxDuration: Faas.Engine.SimDuration.FromMinutes(5)));
        Directory.CreateDirectory(Path.Combine(root, "plain-test", "charts"));
        File.WriteAllBytes(Path.Combine(root, "plain-test", "charts", "plain-test-start-mix.png"), [0x89, 0x50, 0x4E, 0x47]);

        var (md, html) = ReportBuilder.Write(root, Path.Combine(root, "REPORT.md"));

        Assert.Contains("](plain-test/charts/plain-test-start-mix.png)", File.ReadAllText(md));
        Assert.Contains("src=\"data:image/png;base64,iVBORw==\"", File.ReadAllText(html));
        Assert.Contains("**Quick run.**", File.ReadAllText(md));
    }

    /// <summary>Writes a summary.csv of two models with the given per-replication p50 and mean latencies.</summary>
    private static ExperimentResults Synthetic(TempFolder tmp, string name, double[] keepAlive, double[] prewarm)
    {
        string dir = tmp.Sub(name);
        Directory.CreateDirectory(dir);
        var lines = new List<string> { "scenario,model,replication,seed,invocations,cold_fraction,warm_fraction,prewarm_fraction,p50_ms,mean_ms" };
        for (int r = 0; r < keepAlive.Length; r++) lines.Add($"{name},keep-alive,{r},1,1000,0.2,0.8,0,{keepAlive[r]},{keepAlive[r] * 1.2}");
        for (int r = 0; r < prewarm.Length; r++) lines.Add($"{name},prewarm-pool,{r},1,1000,0.9,0,0.1,{prewarm[r]},{prewarm[r] * 1.2}");
        File.WriteAllText(Path.Combine(dir, "summary.csv"), string.Join("\n", lines) + "\n");
        return ExperimentResults.Load(dir);
    }

    [Fact]
    public void Claim_4_does_not_hold_when_one_design_is_three_times_faster()
    {
        using var tmp = new TempFolder();
        var e = Synthetic(tmp, "sat", [1000, 1100, 1050], [3000, 3300, 3150]);

        var v = ClaimRules.Judge(4, [e], [e]);

        Assert.Equal(Verdict.DoesNotHold, v.Verdict);
        Assert.Contains("3.0×", v.Evidence[0].Text);
        Assert.Contains("Why it does not hold here", v.Evidence[1].Text);
    }

    [Fact]
    public void Claim_4_holds_within_the_stated_factor_and_mixed_experiments_make_it_partly()
    {
        using var tmp = new TempFolder();
        var equal = Synthetic(tmp, "eq", [1000, 1100, 1050], [1100, 1200, 1150]);
        var apart = Synthetic(tmp, "apart", [1000, 1100, 1050], [3000, 3300, 3150]);

        Assert.Equal(Verdict.Holds, ClaimRules.Judge(4, [equal], [equal]).Verdict);
        Assert.Equal(Verdict.Partly, ClaimRules.Judge(4, [equal, apart], [equal, apart]).Verdict);
    }

    [Fact]
    public void Claim_3_needs_intervals_apart_not_just_a_lower_mean()
    {
        using var tmp = new TempFolder();
        var overlapping = Synthetic(tmp, "noisy", [700, 900, 800], [650, 1000, 400]);
        var apart = Synthetic(tmp, "clear", [700, 720, 710], [150, 160, 155]);

        Assert.Equal(Verdict.Partly, ClaimRules.Judge(3, [overlapping], [overlapping]).Verdict);
        Assert.Equal(Verdict.Holds, ClaimRules.Judge(3, [apart], [apart]).Verdict);
    }
}
