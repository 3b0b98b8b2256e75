namespace Faas.Reporting.Report;

/// <summary>The report's answer to one claim of the seed design.</summary>
public enum Verdict
{
    Holds,
    Partly,
    DoesNotHold,
    /// <summary>No experiment in the results tests it (or they lack the models it compares).</summary>
    NotTested,
}
