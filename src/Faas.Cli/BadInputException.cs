namespace Faas.Cli;

/// <summary>A command-line value that cannot be used (exit code 2); the message says which and why.</summary>
public sealed class BadInputException(string message) : Exception(message);
