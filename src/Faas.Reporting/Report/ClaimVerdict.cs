namespace Faas.Reporting.Report;

/// <summary>
/// The verdict on one claim with its evidence: a one-line summary for the verdict table and
/// paragraphs that quote the measured numbers (from summary_ci.csv) with 95% CIs, each tagged
/// with the experiment it is about (so its section can repeat it as the answer).
/// </summary>
public sealed record ClaimVerdict(int Claim, string Statement, Verdict Verdict, string Summary, IReadOnlyList<ClaimEvidence> Evidence, IReadOnlyList<string> Experiments)
{
    public string VerdictText => Verdict switch
    {
        Verdict.Holds => "holds",
        Verdict.Partly => "partly holds",
        Verdict.DoesNotHold => "does not hold",
        _ => "not tested",
    };
}
