namespace Faas.Reporting;

/// <summary>A results file that cannot be read (missing, malformed): the message names the file, and the row when there is one.</summary>
public sealed class ResultsInputException(string message) : Exception(message);
