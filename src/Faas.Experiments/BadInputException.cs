namespace Faas.Experiments;

/// <summary>A command-line value (or a request such as a replay this machine cannot run) that cannot be used: bad input, exit code 2 in the CLI; the message says which and why.</summary>
public sealed class BadInputException(string message) : Exception(message);
