namespace Faas.Workloads;

/// <summary>
/// Bad input: a scenario (or trace) that cannot be run. The message names the place
/// (<c>file:line:column</c>, or file and row) and what was expected; the CLI exits with code 2.
/// </summary>
public sealed class ScenarioException : Exception
{
    public ScenarioException(SourceLocation location, string problem)
        : base($"{location}: {problem}")
    {
        Location = location;
        Problem = problem;
    }

    /// <summary>Where the problem is.</summary>
    public SourceLocation Location { get; }

    /// <summary>What is wrong, without the location prefix.</summary>
    public string Problem { get; }
}
