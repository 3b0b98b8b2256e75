namespace Faas.Backends.Docker;

/// <summary>
/// A pool policy or policy option the Docker platform refuses before touching Docker (bad input:
/// the CLI exits 2). The message names the command-line flag: <c>--policy: ...</c> or
/// <c>--opt key: ...</c>.
/// </summary>
public sealed class PolicyOptionException(string flag, string problem) : Exception($"{flag}: {problem}")
{
    /// <summary>The flag the bad value was given with, e.g. <c>--opt ttl</c>.</summary>
    public string Flag { get; } = flag;

    /// <summary>What is wrong, without the flag.</summary>
    public string Problem { get; } = problem;
}
